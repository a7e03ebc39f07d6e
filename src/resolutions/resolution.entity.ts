import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';
import { OPEN_STATUSES, PRIORITIES, RESOLUTION_STATUSES, type Priority, type ResolutionStatus } from './resolution-workflow';

const openList = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** One decision item: the unit of tracking. `overdue` and `light` are derived, never stored. */
@Entity('resolutions')
@Check('resolutions_status_check', oneOf('status', RESOLUTION_STATUSES))
@Check('resolutions_priority_check', oneOf('priority', PRIORITIES))
@Check('resolutions_progress_check', '"progress" BETWEEN 0 AND 100')
@Check('resolutions_escalation_check', '"escalation_level" BETWEEN 0 AND 3')
@Index('resolutions_council_number_key', ['councilId', 'number'], { unique: true })
@Index('resolutions_open_due_idx', ['councilId', 'dueAt'], { where: `"status" IN (${openList})` })
@Index('resolutions_council_created_idx', ['councilId', 'createdAt'])
@Index('resolutions_meeting_idx', ['meetingId'])
@Index('resolutions_parent_idx', ['parentId'])
@Index('resolutions_owner_idx', ['ownerId'])
@Index('resolutions_lead_idx', ['leadOrganizationId'])
// Covering index of the supervision board over open items (council_id INCLUDE … WHERE open): created by
// migration SupervisionBoardCounts, since TypeORM cannot express INCLUDE.
@Index('resolutions_board_open_idx', { synchronize: false })
export class Resolution extends BaseRecord {
  @ForeignKey('councils', { name: 'fk_resolutions_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @ForeignKey('meetings', { name: 'fk_resolutions_meeting_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ForeignKey('resolutions', { name: 'fk_resolutions_parent_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Per-council running number, shown as "No. 12". */
  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', default: 'normal' })
  priority: Priority;

  /** Outward channels (e-mail, robots, webhooks) carry only a notice and the link, never the title or notes. */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  @Column({ type: 'text', default: 'registered' })
  status: ResolutionStatus;

  @ForeignKey('organizations', { name: 'fk_resolutions_lead_organization_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'lead_organization_id', nullable: true })
  leadOrganizationId: string | null;

  /** Each element refers to an existing row: the constraint triggers `fk_resolutions_co_organization_ids` (not a foreign key). */
  @Index('resolutions_co_orgs_idx', { synchronize: false })
  @Column({ type: 'uuid', array: true, name: 'co_organization_ids', default: () => "'{}'" })
  coOrganizationIds: string[];

  @ForeignKey('people', { name: 'fk_resolutions_owner_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt: Date | null;

  /** The first deadline given at assignment; extensions never change it. */
  @Column({ type: 'timestamptz', name: 'original_due_at', nullable: true })
  originalDueAt: Date | null;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'smallint', name: 'escalation_level', default: 0 })
  escalationLevel: number;

  @Column({ type: 'smallint', name: 'extension_count', default: 0 })
  extensionCount: number;

  @Column({ type: 'timestamptz', name: 'assigned_at', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'last_progress_at', nullable: true })
  lastProgressAt: Date | null;

  @Column({ type: 'timestamptz', name: 'completion_requested_at', nullable: true })
  completionRequestedAt: Date | null;

  @Column({ type: 'text', name: 'completion_summary', nullable: true })
  completionSummary: string | null;

  @Column({ type: 'text', name: 'completion_evidence', nullable: true })
  completionEvidence: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', name: 'verification_rating', nullable: true })
  verificationRating: string | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  /** Progress-report cycles that passed their grace with no report (counted apart from the deadline). */
  @Column({ type: 'smallint', name: 'missed_reports', default: 0 })
  missedReports: number;

  /** Set while a progress report is overdue (yellow light); a report clears it. */
  @Column({ type: 'timestamptz', name: 'report_overdue_since', nullable: true })
  reportOverdueSince: Date | null;

  /** The last report cycle the engine settled; the next cycle is planned after it. */
  @Column({ type: 'timestamptz', name: 'last_report_cycle_at', nullable: true })
  lastReportCycleAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
