import type { CouncilContext } from '../councils/councils.service';
import { computeLight, daysOverdue, isOverdue, lightThresholds, type Light } from './resolution-light';
import type { Resolution } from './resolution.entity';

export interface ResolutionView {
  id: string;
  councilId: string;
  meetingId: string;
  parentId: string | null;
  number: number;
  title: string;
  description: string | null;
  category: string | null;
  priority: string;
  status: string;
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
  ownerId: string | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  progress: number;
  light: Light | null;
  overdue: boolean;
  daysOverdue: number;
  escalationLevel: number;
  extensionCount: number;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  lastProgressAt: Date | null;
  completionRequestedAt: Date | null;
  completionSummary: string | null;
  completionEvidence: string | null;
  closedAt: Date | null;
  cancelReason: string | null;
  missedReports: number;
  reportOverdueSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The API shape of a resolution, with the derived fields judged at `now` under the council's policy. */
export function toResolutionView(r: Resolution, ctx: CouncilContext, now: Date): ResolutionView {
  const policy = ctx.policyFor(r.priority);
  const thresholds = lightThresholds(policy, ctx.calendar, ctx.council.timezone, now);
  return {
    id: r.id,
    councilId: r.councilId,
    meetingId: r.meetingId,
    parentId: r.parentId,
    number: r.number,
    title: r.title,
    description: r.description,
    category: r.category,
    priority: r.priority,
    status: r.status,
    leadOrganizationId: r.leadOrganizationId,
    coOrganizationIds: r.coOrganizationIds,
    ownerId: r.ownerId,
    dueAt: r.dueAt,
    originalDueAt: r.originalDueAt,
    progress: r.progress,
    light: computeLight(r, thresholds, now),
    overdue: isOverdue(r, now),
    daysOverdue: daysOverdue(r, now),
    escalationLevel: r.escalationLevel,
    extensionCount: r.extensionCount,
    assignedAt: r.assignedAt,
    acceptedAt: r.acceptedAt,
    lastProgressAt: r.lastProgressAt,
    completionRequestedAt: r.completionRequestedAt,
    completionSummary: r.completionSummary,
    completionEvidence: r.completionEvidence,
    closedAt: r.closedAt,
    cancelReason: r.cancelReason,
    missedReports: r.missedReports,
    reportOverdueSince: r.reportOverdueSince,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
