import { NOTIFICATION_KINDS } from '../common/notification-kinds';

/** The notification kinds a channel may ask for: every kind there is. */
export const CHANNEL_KINDS = NOTIFICATION_KINDS;
