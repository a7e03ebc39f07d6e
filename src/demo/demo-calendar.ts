import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../calendars/working-calendar';
import type { EffectivePolicy } from '../councils/policy';
import { parseDeadline } from '../resolutions/deadline';
import { planActions } from '../reminders/schedule';

/**
 * The demo's overdue items must show escalation levels 1, 2 and 3 whatever day the demo is loaded
 * on. A fixed "due 8 days ago" does not: levels come after working days and quiet hours, so on a
 * Saturday (or in the National Day week) level 1 would still be waiting for the next working morning.
 * Instead the due date of each overdue item is searched for, day by day back from today, with the
 * engine's own planner and the council's calendar, so that its level has fired by `now` and the next
 * one has not.
 *
 * Pure: the calendar comes in as data (the loader reads it through the API).
 */

/** When each escalation level of an item due on `dueDate` fires, as the engine plans it. */
export function escalationInstants(dueDate: string, policy: EffectivePolicy, calendar: WorkingCalendar, zone: string): Map<number, Date> {
  const dueAt = parseDeadline(dueDate, zone);
  const longBefore = new Date(dueAt.getTime() - 365 * 86_400_000);
  // Only the escalations matter here: leave out the rest (report cycles are costly to plan).
  const plan = planActions({
    subject: {
      status: 'in_progress',
      dueAt,
      assignedAt: longBefore,
      acceptedAt: longBefore,
      lastProgressAt: null,
      lastReportCycleAt: null,
    },
    policy: { ...policy, beforeDue: [], progressReport: null, stagnation: null },
    calendar,
    zone,
    done: new Set(),
  });
  return new Map(plan.filter((a) => a.kind === 'escalation').map((a) => [a.level!, a.fireAt]));
}

/** How far back the search goes: far more than the deepest level needs, even across the Spring Festival. */
const SEARCH_DAYS = 90;

/**
 * The due date (days from today, negative) that leaves an item at escalation `level` at `now`.
 * Among the dates that do, working days are preferred (a deadline on a Sunday reads oddly) and the
 * middle one is taken, so the item stays at its level for a while after the load. The top level has
 * no upper bound: three days beyond the first date that reaches it.
 */
export function dueDayForLevel(level: number, now: Date, policy: EffectivePolicy, calendar: WorkingCalendar, zone: string): number {
  const levels = policy.escalation.map((s) => s.level);
  if (!levels.includes(level)) throw new Error(`demo: the policy has no escalation level ${level}`);
  const top = Math.max(...levels);
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const fits: { back: number; workday: boolean }[] = [];
  for (let back = 1; back <= SEARCH_DAYS; back++) {
    const date = today.minus({ days: back }).toISODate()!;
    const fires = escalationInstants(date, policy, calendar, zone);
    const reached = fires.get(level)!.getTime() <= now.getTime();
    const next = [...fires].filter(([l]) => l > level).map(([, at]) => at.getTime());
    const notBeyond = next.every((at) => at > now.getTime());
    if (reached && notBeyond) fits.push({ back, workday: calendar.isWorkday(date) });
    else if (fits.length) break; // the dates that fit are consecutive: past them, none will
    if (level === top && fits.length) return -(fits[0].back + 3);
  }
  if (fits.length === 0)
    throw new Error(`demo: no due date within ${SEARCH_DAYS} days puts an item at level ${level} on ${now.toISOString()}`);
  const preferred = fits.some((f) => f.workday) ? fits.filter((f) => f.workday) : fits;
  return -preferred[Math.floor((preferred.length - 1) / 2)].back;
}

/** A decision's title may name its deadline as `{due}`: written as 7月1日 from the due date in the council's zone. */
export function titleWithDue(title: string, dueDate: string | null): string {
  if (!title.includes('{due}')) return title;
  if (!dueDate) throw new Error(`demo: "${title}" names its deadline but has none`);
  const d = DateTime.fromISO(dueDate);
  return title.replaceAll('{due}', `${d.month}月${d.day}日`);
}
