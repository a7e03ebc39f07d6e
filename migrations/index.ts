import { Initial1795507865610 } from './1795507865610-Initial';

/** Every migration, in order. A new migration is generated into this folder and added here. */
export const MIGRATIONS = [Initial1795507865610];
