import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { oneOf } from '../../database/entity-columns';

export const DELIVERY_CHANNELS = ['email', 'dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message carried outward (the outbox). Written in the transaction that writes the notifications,
 * so a notification and its deliveries exist together or not at all; the unique (cause, channel,
 * target) makes a second copy impossible however often the cause is processed. `target_key` is
 * `person:<id>` for e-mail and `channel:<id>` for a council's robot or webhook. The job that sends it
 * carries only the id; `lease_until` keeps two workers from sending the same row at once.
 */
@Entity('deliveries')
@Check('deliveries_channel_check', oneOf('channel', DELIVERY_CHANNELS))
@Check('deliveries_status_check', oneOf('status', DELIVERY_STATUSES))
@Index('deliveries_cause_target_key', ['cause', 'channel', 'targetKey'], { unique: true })
// Only for statements that compare next_attempt_at with an instant (migration DeliveryDueIndex says why).
@Index('deliveries_due_idx', ['nextAttemptAt'], { where: "status = 'pending' AND next_attempt_at IS NOT NULL" })
@Index('deliveries_council_created_idx', ['councilId', 'createdAt'])
@Index('deliveries_resolution_idx', ['resolutionId'])
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What caused it: the notifications' source key (a scheduled action, an urge, a workflow event). */
  @Column({ type: 'text' })
  cause: string;

  @Column({ type: 'text' })
  channel: DeliveryChannel;

  @Column({ type: 'text', name: 'target_key' })
  targetKey: string;

  /** The council channel (robot or webhook), for group messages; null once the channel is deleted. */
  @ForeignKey('council_channels', { name: 'fk_deliveries_channel_id', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', name: 'channel_id', nullable: true })
  channelId: string | null;

  /** The person an e-mail goes to. */
  @ForeignKey('people', { name: 'fk_deliveries_recipient_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'recipient_id', nullable: true })
  recipientId: string | null;

  /** The notification it carries (for a group message: the first of the cause's). */
  @ForeignKey('notifications', { name: 'fk_deliveries_notification_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'notification_id' })
  notificationId: string;

  @Column({ type: 'uuid', name: 'council_id', nullable: true })
  councilId: string | null;

  @Column({ type: 'uuid', name: 'resolution_id', nullable: true })
  resolutionId: string | null;

  /** Everyone a group message names (the cause's recipients), in the order they were notified. */
  @Column({ type: 'uuid', array: true, name: 'mention_ids', default: () => "'{}'" })
  mentionIds: string[];

  /** Collected into the recipient's daily digest rather than sent alone. */
  @Column({ type: 'boolean', default: false })
  digest: boolean;

  /** Where it goes, masked for display (never a secret or a robot's token). */
  @Column({ type: 'text' })
  target: string;

  @Column({ type: 'text', default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
