import { Initial1795507865610 } from './1795507865610-Initial';
import { ReminderEngine1795508417931 } from './1795508417931-ReminderEngine';
import { ForeignKeys1795909267762 } from './1795909267762-ForeignKeys';
import { EngineFailedCollapsed1795909765732 } from './1795909765732-EngineFailedCollapsed';
import { Delivery1795910155242 } from './1795910155242-Delivery';
import { SupervisionBoard1795911147248 } from './1795911147248-SupervisionBoard';
import { Bulletins1795911147249 } from './1795911147249-Bulletins';
import { Sessions1795950000000 } from './1795950000000-Sessions';
import { AuditKeyed1795950000100 } from './1795950000100-AuditKeyed';
import { SupervisionBoardCounts1795953000000 } from './1795953000000-SupervisionBoardCounts';
import { BulletinForeignKeys1795953000001 } from './1795953000001-BulletinForeignKeys';
import { DeliveryForeignKeys1795960000000 } from './1795960000000-DeliveryForeignKeys';
import { ChannelDisabledReason1795960000001 } from './1795960000001-ChannelDisabledReason';
import { DeliveryDueIndex1795970000000 } from './1795970000000-DeliveryDueIndex';

/** Every migration, in order. A new migration is generated into this folder and added here. */
export const MIGRATIONS = [
  Initial1795507865610,
  ReminderEngine1795508417931,
  ForeignKeys1795909267762,
  EngineFailedCollapsed1795909765732,
  Delivery1795910155242,
  SupervisionBoard1795911147248,
  Bulletins1795911147249,
  Sessions1795950000000,
  AuditKeyed1795950000100,
  SupervisionBoardCounts1795953000000,
  BulletinForeignKeys1795953000001,
  DeliveryForeignKeys1795960000000,
  ChannelDisabledReason1795960000001,
  DeliveryDueIndex1795970000000,
];
