import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';
import type { RecipientRole } from '../councils/policy';
import { ACTION_KINDS, type ActionKind } from './schedule';

/**
 * `collapsed`: carried out (its effects applied) but its message merged into a later one of the same
 * item, kind and person (a catch-up after an outage). `failed`: set aside because its council could
 * not be handled (see `lastError`); an admin retries it once the cause is fixed.
 */
export const ACTION_STATUSES = ['pending', 'done', 'skipped', 'cancelled', 'collapsed', 'failed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * A durable timer: PostgreSQL is the truth, Redis only holds the near future. Rows are recomputed
 * in the transaction of every change to their resolution; the worker marks them done.
 */
@Entity('scheduled_actions')
@Check('scheduled_actions_kind_check', oneOf('kind', ACTION_KINDS))
@Check('scheduled_actions_status_check', oneOf('status', ACTION_STATUSES))
@Index('scheduled_actions_pending_due_idx', ['fireAt'], { where: `"status" = 'pending'` })
@Index('scheduled_actions_pending_key', ['resolutionId', 'key'], { unique: true, where: `"status" = 'pending'` })
@Index('scheduled_actions_resolution_idx', ['resolutionId', 'status'])
@Index('scheduled_actions_failed_idx', ['createdAt', 'id'], { where: `"status" = 'failed'` })
export class ScheduledAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('councils', { name: 'fk_scheduled_actions_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @ForeignKey('resolutions', { name: 'fk_scheduled_actions_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id' })
  resolutionId: string;

  @Column({ type: 'text' })
  kind: ActionKind;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'timestamptz', name: 'fire_at' })
  fireAt: Date;

  @Column({ type: 'timestamptz', name: 'nominal_at' })
  nominalAt: Date;

  @Column({ type: 'smallint', nullable: true })
  level: number | null;

  @Column({ type: 'text', array: true })
  recipients: RecipientRole[];

  @Column({ type: 'text', default: 'pending' })
  status: ActionStatus;

  @Column({ type: 'timestamptz', name: 'handled_at', nullable: true })
  handledAt: Date | null;

  /** Why a `failed` action was set aside. */
  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
