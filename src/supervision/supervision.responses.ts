import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiId, ApiInstant } from '../common/openapi';
import { ASSESSMENT_MODES } from '../councils/policy';
import { RESOLUTION_STATUSES } from '../resolutions/resolution-workflow';
import { CHECK_METHODS, CHECK_RATINGS, ResolutionResponse } from '../resolutions/resolution.responses';
import { COMPONENTS } from './assessment';
import { BULLETIN_SOURCES } from './bulletin.entity';

const count = (description?: string) => ApiProperty({ type: 'integer', minimum: 0, description });
const rate = (description: string) => ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description });

/** The figures of a unit, a person or a council at an instant (cancelled items are in none of them). */
export class FiguresResponse {
  @count('Open items it leads')
  open: number;

  @count('Open and past the approved deadline')
  overdue: number;

  @count('Open and past the original deadline')
  overdueOriginal: number;

  @count()
  closed: number;

  @count('Closed by the approved deadline')
  closedOnTime: number;

  @count('Closed by the original deadline')
  closedOnTimeOriginal: number;

  @count('Items it co-handles (not cancelled), apart from those it leads')
  coHandled: number;

  @rate('closedOnTime ÷ (closed + overdue); null when nothing counts')
  onTimeRate: number | null;

  @rate('The same against the original deadlines')
  onTimeRateOriginal: number | null;
}

export class OrganizationFiguresResponse extends FiguresResponse {
  @ApiId()
  organizationId: string;

  @ApiProperty()
  name: string;
}

export class OwnerFiguresResponse extends FiguresResponse {
  @ApiId()
  personId: string;

  @ApiProperty()
  name: string;
}

export class CouncilFiguresResponse extends FiguresResponse {
  @ApiId()
  councilId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'Whether the council’s people are in `byOwner` (policy `board.rankPeople`)' })
  rankPeople: boolean;
}

export class StatusCountsResponse {
  @count()
  registered: number;

  @count()
  assigned: number;

  @count()
  in_progress: number;

  @count()
  completion_requested: number;

  @count()
  closed: number;

  @count()
  cancelled: number;
}

export class LightCountsResponse {
  @count()
  red: number;

  @count()
  yellow: number;

  @count()
  green: number;
}

export class BoardCountsResponse {
  @ApiProperty({ type: StatusCountsResponse })
  byStatus: StatusCountsResponse;

  @ApiProperty({ type: LightCountsResponse, description: 'Open items by light' })
  byLight: LightCountsResponse;
}

export class BoardOverdueResponse {
  @ApiId()
  resolutionId: string;

  @ApiId()
  councilId: string;

  @ApiProperty({ type: 'integer' })
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: RESOLUTION_STATUSES })
  status: string;

  @ApiProperty({ type: 'integer', description: 'Days (24 h, rounded up) past the deadline' })
  daysOverdue: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3 })
  escalationLevel: number;

  @ApiId({ nullable: true })
  ownerId: string | null;

  @ApiProperty({ type: String, nullable: true })
  ownerName: string | null;

  @ApiId({ nullable: true })
  leadOrganizationId: string | null;

  @ApiProperty({ type: String, nullable: true })
  leadOrganizationName: string | null;

  @ApiInstant()
  dueAt: Date;
}

/** 督办看板. */
export class BoardResponse {
  @ApiInstant()
  asOf: Date;

  @ApiId({ nullable: true, description: 'The council asked for; null for every council the caller supervises or chairs' })
  councilId: string | null;

  @ApiProperty({ type: BoardCountsResponse })
  counts: BoardCountsResponse;

  @ApiProperty({ type: BoardOverdueResponse, isArray: true, description: 'Most overdue first, at most `limit`' })
  overdue: BoardOverdueResponse[];

  @count('How many items are overdue in all')
  overdueTotal: number;

  @ApiProperty({ type: OrganizationFiguresResponse, isArray: true })
  byOrganization: OrganizationFiguresResponse[];

  @ApiPropertyOptional({
    type: OwnerFiguresResponse,
    isArray: true,
    description: 'Absent when no council in scope ranks people (policy `board.rankPeople: false`)',
  })
  byOwner?: OwnerFiguresResponse[];

  @ApiPropertyOptional({ type: CouncilFiguresResponse, isArray: true, description: 'Without `councilId` only' })
  byCouncil?: CouncilFiguresResponse[];
}

export class AssessmentWeightsResponse {
  @ApiProperty()
  onTime: number;

  @ApiProperty()
  overdue: number;

  @ApiProperty()
  reports: number;

  @ApiProperty()
  checks: number;
}

export class AssessmentDeductionsResponse {
  @ApiProperty()
  missedReport: number;

  @ApiProperty()
  overdueLead: number;

  @ApiProperty()
  overdueCo: number;

  @ApiProperty()
  unsatisfactoryCheck: number;
}

/** Each component of a score, or null when there was nothing to measure (then it is left out). */
export class AssessmentComponentsResponse {
  @ApiProperty({ type: Number, nullable: true })
  onTimeRate: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean days late over the late items' })
  overdueDays: number | null;

  @ApiProperty({ type: Number, nullable: true })
  reportCompliance: number | null;

  @ApiProperty({ type: Number, nullable: true })
  checkRating: number | null;
}

export class CheckRatingCountsResponse {
  @count()
  satisfactory: number;

  @count()
  needs_improvement: number;

  @count()
  unsatisfactory: number;
}

export class AssessmentCountsResponse {
  @count()
  closed: number;

  @count()
  closedOnTime: number;

  @count()
  openOverdue: number;

  @count()
  lateDays: number;

  @count()
  lateItems: number;

  @count()
  lateCoItems: number;

  @count()
  reportsSubmitted: number;

  @count()
  reportsMissed: number;

  @ApiProperty({ type: CheckRatingCountsResponse })
  checks: CheckRatingCountsResponse;
}

const NUMBER_MAP = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class AssessedOrganizationResponse {
  @ApiId()
  organizationId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: Number, nullable: true, description: '0..100; null when nothing could be measured' })
  score: number | null;

  @ApiProperty({ type: AssessmentComponentsResponse })
  components: AssessmentComponentsResponse;

  @ApiProperty({ enum: COMPONENTS, isArray: true, description: 'Components with nothing to measure' })
  leftOut: string[];

  @ApiPropertyOptional({ ...NUMBER_MAP, description: 'Weighted mode: the weights applied, by component, summing to 1' })
  appliedWeights?: Record<string, number>;

  @ApiPropertyOptional({ ...NUMBER_MAP, description: 'Deduction mode: the points deducted, by cause' })
  deducted?: Record<string, number>;

  @ApiProperty({ type: AssessmentCountsResponse })
  counts: AssessmentCountsResponse;
}

/** 考核. */
export class AssessmentResponse {
  @ApiId()
  councilId: string;

  @ApiInstant()
  from: Date;

  @ApiInstant()
  to: Date;

  @ApiInstant({ description: 'The instant the figures were judged at: `to`, or now if sooner' })
  asOf: Date;

  @ApiProperty({ enum: ASSESSMENT_MODES })
  mode: string;

  @ApiProperty({ type: AssessmentWeightsResponse })
  weights: AssessmentWeightsResponse;

  @ApiProperty({ type: 'integer' })
  overdueDaysCap: number;

  @ApiProperty({ type: AssessmentDeductionsResponse })
  deductions: AssessmentDeductionsResponse;

  @ApiProperty({ description: 'The formula, as people read it' })
  formula: string;

  @ApiProperty({ type: AssessedOrganizationResponse, isArray: true, description: 'Best score first' })
  organizations: AssessedOrganizationResponse[];
}

export class FollowUpProgressResponse {
  @ApiProperty()
  note: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  percent: number;

  @ApiInstant()
  reportedAt: Date;

  @ApiId()
  authorId: string;
}

export class FollowUpItemResponse extends ResolutionResponse {
  @ApiProperty()
  meetingTitle: string;

  @ApiProperty({ type: String, nullable: true })
  leadOrganizationName: string | null;

  @ApiProperty({ type: String, nullable: true })
  ownerName: string | null;

  @ApiProperty({ type: FollowUpProgressResponse, nullable: true })
  lastProgress: FollowUpProgressResponse | null;
}

/** 会前汇总. */
export class FollowUpResponse {
  @ApiId()
  meetingId: string;

  @ApiId()
  councilId: string;

  @ApiProperty()
  meetingTitle: string;

  @ApiInstant()
  heldAt: Date;

  @ApiInstant()
  asOf: Date;

  @ApiProperty({ type: FollowUpItemResponse, isArray: true })
  items: FollowUpItemResponse[];
}

export class EscalationCountsResponse {
  @count()
  1: number;

  @count()
  2: number;

  @count()
  3: number;
}

export class BulletinSummaryResponse {
  @count('Items registered in the period')
  new: number;

  @count()
  closed: number;

  @count()
  closedOnTime: number;

  @count()
  overdue: number;

  @ApiProperty({ type: EscalationCountsResponse, description: 'Escalations in the period, by level' })
  escalations: EscalationCountsResponse;
}

/** A bulletin as listed and as issued. */
export class BulletinResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiInstant()
  periodStart: Date;

  @ApiInstant()
  periodEnd: Date;

  @ApiProperty({ enum: BULLETIN_SOURCES })
  source: string;

  @ApiInstant()
  createdAt: Date;

  @ApiProperty({ type: BulletinSummaryResponse })
  summary: BulletinSummaryResponse;
}

export class BulletinOverdueResponse {
  @ApiId()
  resolutionId: string;

  @ApiProperty({ type: 'integer' })
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: 'integer' })
  daysOverdue: number;

  @ApiProperty({ type: 'integer' })
  escalationLevel: number;

  @ApiId({ nullable: true })
  ownerId: string | null;

  @ApiProperty({ type: String, nullable: true })
  ownerName: string | null;

  @ApiId({ nullable: true })
  leadOrganizationId: string | null;

  @ApiProperty({ type: String, nullable: true })
  leadOrganizationName: string | null;

  @ApiInstant()
  dueAt: string;
}

export class BulletinMissedReportResponse {
  @ApiId()
  resolutionId: string;

  @ApiProperty({ type: 'integer' })
  number: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, nullable: true })
  ownerName: string | null;

  @ApiProperty({ type: String, nullable: true })
  leadOrganizationName: string | null;

  @ApiInstant()
  missedAt: string;
}

export class BulletinCheckResponse {
  @ApiId()
  checkId: string;

  @ApiId()
  resolutionId: string;

  @ApiProperty({ type: 'integer' })
  number: number;

  @ApiProperty()
  title: string;

  @ApiInstant()
  checkedAt: string;

  @ApiProperty({ enum: CHECK_METHODS })
  method: string;

  @ApiProperty({ enum: CHECK_RATINGS })
  rating: string;

  @ApiProperty()
  findings: string;

  @ApiProperty({ type: String, isArray: true, description: 'The inspectors’ names' })
  inspectors: string[];
}

/** `GET /bulletins/:id` as JSON: the bulletin and the stored snapshot every format is rendered from. */
export class BulletinDetailResponse extends BulletinResponse {
  @ApiProperty()
  councilName: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'The council’s zone: times are printed in it' })
  timezone: string;

  @ApiInstant({ description: 'The instant the figures were judged at' })
  asOf: string;

  @ApiProperty({ type: BulletinOverdueResponse, isArray: true })
  overdue: BulletinOverdueResponse[];

  @ApiProperty({ type: OrganizationFiguresResponse, isArray: true })
  byOrganization: OrganizationFiguresResponse[];

  @ApiProperty({ type: BulletinMissedReportResponse, isArray: true })
  missedReports: BulletinMissedReportResponse[];

  @ApiProperty({ type: BulletinCheckResponse, isArray: true })
  checks: BulletinCheckResponse[];
}
