import { Initial1795507865610 } from './1795507865610-Initial';
import { ReminderEngine1795508417931 } from './1795508417931-ReminderEngine';
import { SupervisionBoard1795600000000 } from './1795600000000-SupervisionBoard';
import { Bulletins1795911147249 } from './1795911147249-Bulletins';

/** Every migration, in order. A new migration is generated into this folder and added here. */
export const MIGRATIONS = [Initial1795507865610, ReminderEngine1795508417931, SupervisionBoard1795600000000, Bulletins1795911147249];
