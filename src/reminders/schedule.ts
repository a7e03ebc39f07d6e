import type { WorkingCalendar } from '../calendars/working-calendar';
import { applyOffset, parseOffset } from '../councils/offset';
import type { EffectivePolicy, RecipientRole } from '../councils/policy';
import type { ResolutionStatus } from '../resolutions/resolution-workflow';
import { deferOutOfQuietHours } from './quiet-hours';
import { nextReportCycle } from './report-cycle';

export const ACTION_KINDS = [
  'acceptance_overdue',
  'due_soon',
  'escalation',
  'progress_report_due',
  'progress_report_missed',
  'stagnant',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** What the schedule needs to know about one resolution. */
export interface ScheduleSubject {
  status: ResolutionStatus;
  dueAt: Date | null;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  lastProgressAt: Date | null;
  /** The last progress-report cycle already settled (missed or not); cycles after it are pending. */
  lastReportCycleAt: Date | null;
}

export interface PlannedAction {
  kind: ActionKind;
  /** When it fires: the nominal instant, moved out of quiet hours. */
  fireAt: Date;
  /** When the policy says it happens, before quiet hours. */
  nominalAt: Date;
  level: number | null;
  recipients: RecipientRole[];
  /** Stable identity: the same plan twice gives the same keys, so recomputing is idempotent. */
  key: string;
}

export interface ScheduleInput {
  subject: ScheduleSubject;
  policy: EffectivePolicy;
  calendar: WorkingCalendar;
  zone: string;
  /** Keys of actions already carried out for this resolution (never planned again). */
  done: ReadonlySet<string>;
}

/** At most this many acceptance reminders are repeated for one assignment. */
const MAX_ACCEPTANCE_REPEATS = 30;

/**
 * The pure heart of the engine: resolution + policy + calendar → the actions still to come.
 * Repeating reminders yield only their next occurrence; carrying one out and recomputing yields
 * the one after it.
 */
export function planActions({ subject: r, policy, calendar, zone, done }: ScheduleInput): PlannedAction[] {
  const plan: PlannedAction[] = [];
  const add = (
    kind: ActionKind,
    nominalAt: Date,
    recipients: RecipientRole[],
    level: number | null = null,
    keyPart = nominalAt.toISOString(),
  ) => {
    const key = `${kind}|${keyPart}${level === null ? '' : `|${level}`}`;
    if (done.has(key)) return false;
    plan.push({ kind, nominalAt, fireAt: deferOutOfQuietHours(nominalAt, policy.quietHours, calendar, zone), level, recipients, key });
    return true;
  };
  const at = (base: Date, offset: string) => applyOffset(base, offset, calendar, zone);

  if (r.status === 'assigned' && r.assignedAt) {
    // 签收: the first reminder when acceptance is late, then every `remindEvery` until accepted.
    let next = at(r.assignedAt, policy.acceptance.within);
    const every = parseOffset(policy.acceptance.remindEvery);
    for (let n = 0; n < MAX_ACCEPTANCE_REPEATS; n++) {
      if (add('acceptance_overdue', next, ['owner'], null, `${r.assignedAt.toISOString()}#${n}`)) break;
      if (!every || isZero(policy.acceptance.remindEvery)) break;
      next = at(next, policy.acceptance.remindEvery);
    }
  }

  const chased = r.status === 'assigned' || r.status === 'in_progress';
  if (chased && r.dueAt) {
    for (const offset of policy.beforeDue) {
      const when = at(r.dueAt, offset);
      // A reminder whose moment had passed before the item was handed out is not sent late.
      if (r.assignedAt && when.getTime() <= r.assignedAt.getTime()) continue;
      add('due_soon', when, ['owner']);
    }
    for (const step of policy.escalation) add('escalation', at(r.dueAt, step.after), step.notify, step.level);
  }

  if (r.status === 'in_progress' && r.acceptedAt) {
    if (policy.progressReport) {
      const after = maxDate(r.acceptedAt, r.lastReportCycleAt);
      const cycle = nextReportCycle(policy.progressReport.cron, after, calendar, zone);
      add('progress_report_due', cycle, ['owner']);
      add('progress_report_missed', at(cycle, policy.progressReport.grace), ['owner', 'leadLeader'], null, cycle.toISOString());
    }
    if (policy.stagnation) {
      const since = r.lastProgressAt ?? r.acceptedAt;
      add('stagnant', at(since, policy.stagnation), ['owner', 'leadLeader']);
    }
  }
  return plan.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}

function maxDate(a: Date, b: Date | null): Date {
  return b && b.getTime() > a.getTime() ? b : a;
}

function isZero(offset: string): boolean {
  const o = parseOffset(offset);
  return !o || (o.kind === 'workdays' ? o.days === 0 : o.duration.toMillis() === 0);
}
