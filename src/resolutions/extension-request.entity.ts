import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

@Entity('extension_requests')
@Check('extension_requests_status_check', oneOf('status', EXTENSION_STATUSES))
@Index('extension_requests_resolution_idx', ['resolutionId', 'createdAt'])
@Index('extension_requests_one_pending_key', ['resolutionId'], { unique: true, where: `"status" = 'pending'` })
export class ExtensionRequest extends BaseRecord {
  @ForeignKey('resolutions', { name: 'fk_extension_requests_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id' })
  resolutionId: string;

  @ForeignKey('people', { name: 'fk_extension_requests_requested_by_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'requested_by_id' })
  requestedById: string;

  @Column({ type: 'timestamptz', name: 'requested_due_at' })
  requestedDueAt: Date;

  /** The deadline in force when the request was made. */
  @Column({ type: 'timestamptz', name: 'previous_due_at' })
  previousDueAt: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', default: 'pending' })
  status: ExtensionStatus;

  @ForeignKey('people', { name: 'fk_extension_requests_decided_by_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'decided_by_id', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote: string | null;
}
