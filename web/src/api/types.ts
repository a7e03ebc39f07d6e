// The shapes the console reads, as shared/API.md states them. The generated schema (schema.d.ts)
// types every request; these name the answers the contract does not describe yet (another change
// adds response schemas to every controller; then these can become aliases of the generated ones).
export type ResolutionStatus = 'registered' | 'assigned' | 'in_progress' | 'completion_requested' | 'closed' | 'cancelled';
export type Light = 'green' | 'yellow' | 'red';
export type WorkflowAction =
  | 'assign'
  | 'reassign'
  | 'accept'
  | 'progress'
  | 'request_extension'
  | 'decide_extension'
  | 'request_completion'
  | 'verify'
  | 'return'
  | 'cancel'
  | 'urge'
  | 'check'
  | 'add_child';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Resolution {
  id: string;
  councilId: string;
  meetingId: string;
  parentId: string | null;
  number: string | null;
  title: string;
  description: string | null;
  category: string | null;
  priority: 'normal' | 'high' | 'urgent';
  confidential: boolean;
  status: ResolutionStatus;
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
  ownerId: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  progress: number;
  light: Light | null;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: number;
  acceptedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  children?: Resolution[];
  lastProgress?: { note: string; percent: number; createdAt?: string; at?: string; authorId?: string } | null;
  allowedActions?: WorkflowAction[];
}

export interface ExtensionRequest {
  id: string;
  resolutionId: string;
  requestedDueAt: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt?: string;
}

export interface SupervisionCheck {
  id: string;
  checkedAt: string;
  method: 'site_visit' | 'document_review' | 'hearing';
  inspectorIds: string[];
  findings: string;
  rating: 'satisfactory' | 'needs_improvement' | 'unsatisfactory';
  createdBy: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  source?: 'event' | 'action';
  level?: number | null;
  actorId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  recipients?: { id: string; name: string }[] | string[];
  collapsed?: boolean;
}

export interface Timeline {
  resolutionId: string;
  past: TimelineEntry[];
  upcoming: TimelineEntry[];
}

export interface Council {
  id: string;
  name: string;
  timezone: string;
}

export interface Organization {
  id: string;
  name: string;
}

export interface Person {
  id: string;
  name: string;
  organizationId: string;
}

export interface Notification {
  id: string;
  kind: string;
  resolutionId: string | null;
  level?: number | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface BoardFigures {
  organizationId?: string;
  personId?: string;
  name: string;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
}

export interface Board {
  asOf: string;
  councilId?: string | null;
  overdueTotal?: number;
  byCouncil?: (BoardFigures & { councilId: string })[];
  counts: { byStatus: Partial<Record<ResolutionStatus, number>>; byLight: Partial<Record<Light, number>> };
  overdue: {
    resolutionId: string;
    number: string | null;
    title: string;
    daysOverdue: number;
    escalationLevel: number;
    ownerId: string | null;
    ownerName?: string | null;
    leadOrganizationId: string | null;
    leadOrganizationName?: string | null;
    councilId?: string;
    dueAt: string;
  }[];
  byOrganization: BoardFigures[];
  byOwner?: BoardFigures[];
}
