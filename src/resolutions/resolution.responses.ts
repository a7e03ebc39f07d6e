import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiIds, ApiInstant, FieldIssueBody } from '../common/openapi';
import { CHECK_METHODS, CHECK_RATINGS } from './supervision-check.entity';
import { EXTENSION_STATUSES } from './extension-request.entity';
import { PRIORITIES, RESOLUTION_STATUSES, WORKFLOW_ACTIONS } from './resolution-workflow';

/** The values a check's method and rating take, for other features' response schemas (bulletins list checks too). */
export { CHECK_METHODS, CHECK_RATINGS };

/** What every resolution answer carries (resolution-view.ts): the row and the figures judged now. */
export class ResolutionResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiId()
  meetingId: string;

  @ApiId({ nullable: true, description: 'The item this one was split from' })
  parentId: string | null;

  @ApiProperty({ type: 'integer', description: 'The council’s running number, shown as “No. 12”' })
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ enum: PRIORITIES })
  priority: string;

  @ApiProperty()
  confidential: boolean;

  @ApiProperty({ enum: RESOLUTION_STATUSES })
  status: string;

  @ApiId({ nullable: true })
  leadOrganizationId: string | null;

  @ApiIds()
  coOrganizationIds: string[];

  @ApiId({ nullable: true })
  ownerId: string | null;

  @ApiInstant({ nullable: true })
  dueAt: Date | null;

  @ApiInstant({ nullable: true, description: 'The deadline first set, before any extension' })
  originalDueAt: Date | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  progress: number;

  @ApiProperty({ enum: ['green', 'yellow', 'red'], nullable: true, description: 'null once the item is closed or cancelled' })
  light: string | null;

  @ApiProperty()
  overdue: boolean;

  @ApiProperty({ type: 'integer', description: 'Days (24 h, rounded up) past the deadline; 0 when not overdue' })
  daysOverdue: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3 })
  escalationLevel: number;

  @ApiProperty({ type: 'integer' })
  extensionCount: number;

  @ApiInstant({ nullable: true })
  assignedAt: Date | null;

  @ApiInstant({ nullable: true })
  acceptedAt: Date | null;

  @ApiInstant({ nullable: true })
  lastProgressAt: Date | null;

  @ApiInstant({ nullable: true })
  completionRequestedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  completionSummary: string | null;

  @ApiProperty({ type: String, nullable: true })
  completionEvidence: string | null;

  @ApiInstant({ nullable: true })
  closedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;

  @ApiProperty({ type: 'integer', description: 'Progress-report cycles that passed their grace with no report' })
  missedReports: number;

  @ApiInstant({ nullable: true, description: 'Set while a progress report is overdue' })
  reportOverdueSince: Date | null;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;

  @ApiProperty({ type: 'integer', description: 'Send it back with every transition; a stale one gets 409' })
  version: number;
}

export class ProgressReportResponse {
  @ApiId()
  id: string;

  @ApiId()
  resolutionId: string;

  @ApiId()
  authorId: string;

  @ApiProperty()
  note: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  percent: number;

  @ApiInstant()
  reportedAt: Date;
}

export class ExtensionRequestResponse {
  @ApiId()
  id: string;

  @ApiId()
  resolutionId: string;

  @ApiInstant()
  requestedDueAt: Date;

  @ApiInstant({ description: 'The deadline in force when the request was made' })
  previousDueAt: Date;

  @ApiProperty()
  reason: string;

  @ApiProperty({ enum: EXTENSION_STATUSES })
  status: string;

  @ApiId()
  requestedById: string;

  @ApiId({ nullable: true })
  decidedById: string | null;

  @ApiInstant({ nullable: true })
  decidedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  decisionNote: string | null;

  @ApiInstant()
  createdAt: Date;
}

/** `GET /resolutions/:id`: the resolution with its children, last progress, pending extension and the caller's actions. */
export class ResolutionDetailResponse extends ResolutionResponse {
  @ApiProperty({ type: ResolutionResponse, isArray: true, description: 'The items split from this one, by number' })
  children: ResolutionResponse[];

  @ApiProperty({ type: ProgressReportResponse, nullable: true })
  lastProgress: ProgressReportResponse | null;

  @ApiProperty({ type: ExtensionRequestResponse, nullable: true })
  pendingExtension: ExtensionRequestResponse | null;

  @ApiProperty({ enum: WORKFLOW_ACTIONS, isArray: true, description: 'The workflow actions the caller may take on it now' })
  allowedActions: string[];
}

/** `GET /resolutions/:id/extension-requests`: every request, oldest first, on one page. */
export class ExtensionRequestListResponse {
  @ApiProperty({ type: ExtensionRequestResponse, isArray: true })
  items: ExtensionRequestResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is never paged' })
  nextCursor: string | null;
}

/** One audit event of the council's hash chain. */
export class AuditEventResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiProperty({ description: 'Position in the council chain (a bigint, as text)', example: '42' })
  seq: string;

  @ApiId({ nullable: true })
  resolutionId: string | null;

  @ApiProperty({ example: 'resolution' })
  entityType: string;

  @ApiId()
  entityId: string;

  @ApiProperty({ example: 'resolution.assigned' })
  action: string;

  @ApiId({ nullable: true, description: 'null for the engine' })
  actorId: string | null;

  @ApiInstant()
  at: Date;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  prevHash: string | null;

  @ApiProperty()
  hash: string;
}

export class CheckResponse {
  @ApiId()
  id: string;

  @ApiId()
  resolutionId: string;

  @ApiInstant()
  checkedAt: Date;

  @ApiProperty({ enum: CHECK_METHODS })
  method: string;

  @ApiIds()
  inspectorIds: string[];

  @ApiProperty()
  findings: string;

  @ApiProperty({ enum: CHECK_RATINGS })
  rating: string;

  @ApiId({ description: 'The supervisor who recorded it' })
  createdBy: string;

  @ApiInstant()
  createdAt: Date;
}

export class CheckListResponse {
  @ApiProperty({ type: CheckResponse, isArray: true })
  items: CheckResponse[];
}

/** The recorded urge (一键催办). */
export class UrgeResponse {
  @ApiId()
  id: string;

  @ApiId()
  resolutionId: string;

  @ApiId()
  urgedById: string;

  @ApiProperty()
  note: string;

  @ApiInstant()
  createdAt: Date;
}

export class ImportedItemResponse {
  @ApiId()
  id: string;

  @ApiProperty({ type: 'integer' })
  number: number;

  @ApiProperty()
  title: string;
}

/** An import that passed: every row registered. A refused one is a 400 whose `errors` list `{row, field, message}`. */
export class ImportResponse {
  @ApiProperty({ type: 'integer', description: 'How many decisions were registered' })
  created: number;

  @ApiProperty({ type: FieldIssueBody, isArray: true, description: 'Empty on success' })
  errors: FieldIssueBody[];

  @ApiProperty({ type: ImportedItemResponse, isArray: true })
  items: ImportedItemResponse[];
}

/** One row of a dry run's preview: its number in the file and its cells by column. */
export class ImportPreviewRowResponse {
  @ApiProperty({ type: 'integer', description: 'The row number in the file (the header is row 1)' })
  row: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The cells by column name' })
  cells: Record<string, string>;
}

/** A dry run of the import (`?dryRun=true`): every check of the real import, nothing saved. */
export class ImportDryRunResponse {
  @ApiProperty({ enum: [true] })
  dryRun: true;

  @ApiProperty({ description: 'Whether the same file would be imported' })
  valid: boolean;

  @ApiProperty({ type: 'integer', description: 'How many decision rows the file holds' })
  rows: number;

  @ApiProperty({ type: 'integer', enum: [0] })
  created: 0;

  @ApiProperty({ type: FieldIssueBody, isArray: true, description: 'Every problem, `{row, field, message}`' })
  errors: FieldIssueBody[];

  @ApiProperty({ type: ImportPreviewRowResponse, isArray: true })
  preview: ImportPreviewRowResponse[];
}
