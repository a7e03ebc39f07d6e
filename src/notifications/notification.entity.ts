import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';

export { NOTIFICATION_KINDS, type NotificationKind } from '../common/notification-kinds';
import { NOTIFICATION_KINDS, type NotificationKind } from '../common/notification-kinds';

/**
 * A message to one person (the in-app inbox). `sourceKey` names what caused it (a scheduled action,
 * an urge, a workflow event); the unique (sourceKey, person) makes a second copy impossible however
 * often the cause is processed. Delivery channels read from these rows.
 */
@Entity('notifications')
@Check('notifications_kind_check', oneOf('kind', NOTIFICATION_KINDS))
@Index('notifications_source_person_key', ['sourceKey', 'personId'], { unique: true })
@Index('notifications_person_created_idx', ['personId', 'createdAt'])
@Index('notifications_resolution_idx', ['resolutionId'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('people', { name: 'fk_notifications_person_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'person_id' })
  personId: string;

  @Column({ type: 'text', name: 'source_key' })
  sourceKey: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @ForeignKey('councils', { name: 'fk_notifications_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id', nullable: true })
  councilId: string | null;

  @ForeignKey('resolutions', { name: 'fk_notifications_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id', nullable: true })
  resolutionId: string | null;

  @Column({ type: 'smallint', nullable: true })
  level: number | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;
}
