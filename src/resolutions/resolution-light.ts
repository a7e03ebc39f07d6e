import type { WorkingCalendar } from '../calendars/working-calendar';
import { applyOffset, negateOffset, parseOffset } from '../councils/offset';
import type { EffectivePolicy } from '../councils/policy';
import { isOpen, type ResolutionStatus } from './resolution-workflow';

export type Light = 'green' | 'yellow' | 'red';

/**
 * The instants against which a resolution's light is judged at `now` for one policy. Expressed as
 * thresholds (not per-item arithmetic) so the same rule can run in SQL for `?light=` filters.
 */
export interface LightThresholds {
  /** due at or before this → yellow (inside the warning window). */
  warnDueBefore: Date;
  /** assigned at or before this and not accepted → yellow (acceptance late; the reminder fires at that same instant). */
  acceptanceLateBefore: Date;
  /** in progress with no report since this or earlier → yellow (stagnant); null when stagnation is off. */
  stagnantBefore: Date | null;
}

/** Instants PostgreSQL and JavaScript both hold, for thresholds beyond any deadline. */
const LATEST = new Date('9999-12-31T23:59:59.999Z');
const EARLIEST = new Date('0001-01-01T00:00:00.000Z');

/**
 * An offset too large for a date (a policy stored before offsets were bounded, e.g. P300000Y) gives an
 * invalid Date; it stands for "beyond every deadline", so one council's policy cannot break the
 * `?light=` filter of every list.
 */
const finite = (d: Date, beyond: Date) => (Number.isNaN(d.getTime()) ? beyond : d);

export function lightThresholds(policy: EffectivePolicy, calendar: WorkingCalendar, zone: string, now: Date): LightThresholds {
  const back = (text: string) => finite(applyOffset(now, negateOffset(parseOffset(text)!), calendar, zone), EARLIEST);
  return {
    warnDueBefore: finite(applyOffset(now, policy.warningWindow, calendar, zone), LATEST),
    acceptanceLateBefore: back(policy.acceptance.within),
    stagnantBefore: policy.stagnation ? back(policy.stagnation) : null,
  };
}

export interface LightInput {
  status: ResolutionStatus;
  dueAt: Date | null;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  lastProgressAt: Date | null;
  /** Set by the reminder engine while a progress report is overdue. */
  reportOverdueSince?: Date | null;
}

export function isOverdue(r: Pick<LightInput, 'status' | 'dueAt'>, now: Date): boolean {
  return isOpen(r.status) && r.dueAt !== null && now.getTime() > r.dueAt.getTime();
}

/** Whole or part days past the deadline (a day late by one hour counts as 1); 0 when not overdue. */
export function daysOverdue(r: Pick<LightInput, 'status' | 'dueAt'>, now: Date): number {
  if (!isOverdue(r, now)) return 0;
  return Math.ceil((now.getTime() - r.dueAt!.getTime()) / 86_400_000);
}

export function computeLight(r: LightInput, t: LightThresholds, now: Date): Light | null {
  if (!isOpen(r.status)) return null;
  if (isOverdue(r, now)) return 'red';
  if (r.dueAt && r.dueAt.getTime() <= t.warnDueBefore.getTime()) return 'yellow';
  if (r.status === 'assigned' && r.assignedAt && r.assignedAt.getTime() <= t.acceptanceLateBefore.getTime()) return 'yellow';
  if (r.reportOverdueSince) return 'yellow';
  if (r.status === 'in_progress' && t.stagnantBefore) {
    const last = r.lastProgressAt ?? r.acceptedAt;
    if (last && last.getTime() <= t.stagnantBefore.getTime()) return 'yellow';
  }
  return 'green';
}
