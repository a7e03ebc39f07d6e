import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiId, ApiIds, ApiInstant } from '../common/openapi';
import { RECIPIENT_ROLES } from '../councils/policy';
import { ACTION_KINDS } from './schedule';

/** A reminder or escalation still to come. */
export class UpcomingActionResponse {
  @ApiInstant({ description: 'When it is due to fire' })
  at: Date;

  @ApiProperty({ enum: ACTION_KINDS })
  kind: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The escalation level, for an escalation' })
  level: number | null;

  @ApiProperty({ enum: RECIPIENT_ROLES, isArray: true })
  recipientRoles: string[];

  @ApiIds({ description: 'The people those roles name today' })
  recipients: string[];
}

/**
 * Something that happened: an audit event (`source: event`, `kind` the event's action) or a reminder
 * or escalation carried out (`source: action`, `kind` the action's kind).
 */
export class PastEntryResponse {
  @ApiInstant()
  at: Date;

  @ApiProperty({ description: 'The event’s action (resolution.assigned…) or the action’s kind (due_soon…)' })
  kind: string;

  @ApiProperty({ enum: ['event', 'action'] })
  source: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An event: who did it (null for the engine)' })
  actorId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'An event: what changed, before' })
  before?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'An event: what changed, after' })
  after?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'An action: the escalation level' })
  level?: number | null;

  @ApiPropertyOptional({ enum: RECIPIENT_ROLES, isArray: true, description: 'An action: who it went to, by role' })
  recipientRoles?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', isArray: true, description: 'An action: the people it went to' })
  recipients?: string[];

  @ApiPropertyOptional({ description: 'An action carried out without its own message (a later one of the same kind said it)' })
  collapsed?: boolean;
}

export class TimelineResponse {
  @ApiId()
  resolutionId: string;

  @ApiProperty({ type: PastEntryResponse, isArray: true, description: 'Oldest first' })
  past: PastEntryResponse[];

  @ApiProperty({ type: UpcomingActionResponse, isArray: true, description: 'In the order they will fire' })
  upcoming: UpcomingActionResponse[];
}

/** A reminder or escalation set aside because its council could not be handled. */
export class FailedActionResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiId()
  resolutionId: string;

  @ApiProperty({ enum: ACTION_KINDS })
  kind: string;

  @ApiProperty()
  key: string;

  @ApiInstant()
  fireAt: Date;

  @ApiProperty({ type: 'integer', nullable: true })
  level: number | null;

  @ApiProperty({ enum: RECIPIENT_ROLES, isArray: true })
  recipients: string[];

  @ApiProperty({ enum: ['failed'] })
  status: string;

  @ApiInstant({ nullable: true })
  failedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiInstant()
  createdAt: Date;
}

export class RetryActionsResponse {
  @ApiProperty({ type: 'integer', description: 'Put back to pending' })
  retried: number;

  @ApiProperty({ type: 'integer', description: 'Cancelled instead: a newer plan replaced them' })
  superseded: number;
}
