import type { CouncilContext } from '../councils/councils.service';
import { computeLight, daysOverdue, isOverdue, lightThresholds, type Light, type LightThresholds } from './resolution-light';
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
  confidential: boolean;
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

/**
 * The thresholds depend only on (council context, priority, now), and a page of items shares them:
 * computed once per page, not once per item (each is a few walks over the working-day calendar).
 */
const thresholdsSeen = new WeakMap<CouncilContext, { at: number; byPriority: Map<string, LightThresholds> }>();

function thresholdsFor(ctx: CouncilContext, priority: string, now: Date): LightThresholds {
  let seen = thresholdsSeen.get(ctx);
  if (!seen || seen.at !== now.getTime()) {
    seen = { at: now.getTime(), byPriority: new Map() };
    thresholdsSeen.set(ctx, seen);
  }
  let thresholds = seen.byPriority.get(priority);
  if (!thresholds) {
    thresholds = lightThresholds(ctx.policyFor(priority), ctx.calendar, ctx.council.timezone, now);
    seen.byPriority.set(priority, thresholds);
  }
  return thresholds;
}

/** The API shape of a resolution, with the derived fields judged at `now` under the council's policy. */
export function toResolutionView(r: Resolution, ctx: CouncilContext, now: Date): ResolutionView {
  const thresholds = thresholdsFor(ctx, r.priority, now);
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
    confidential: r.confidential,
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
