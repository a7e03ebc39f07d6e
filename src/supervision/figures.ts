/**
 * The supervision figures (DESIGN.md "Supervision") as pure functions: no Nest, no TypeORM, so they
 * are tested as tables. The SQL of `supervision.repository.ts` counts with the same rules; these
 * functions say what the counts mean and turn them into rates and scores.
 */

const OPEN = new Set(['registered', 'assigned', 'in_progress', 'completion_requested']);

/** What the figures need to know about one resolution. */
export interface FigureItem {
  status: string;
  dueAt: Date | null;
  originalDueAt: Date | null;
  /** When the completion request that was signed off was submitted (kept on the row until a return clears it). */
  completionRequestedAt: Date | null;
}

/** Counts for a set of resolutions at an instant; cancelled items are in none of them. */
export interface UnitCounts {
  open: number;
  /** Open and past the approved deadline (`dueAt`). */
  overdue: number;
  /** Open and past the original deadline (`originalDueAt`): the late side of `onTimeRateOriginal`. */
  overdueOriginal: number;
  closed: number;
  closedOnTime: number;
  closedOnTimeOriginal: number;
  /** Items the unit co-handles (not cancelled), counted apart from the ones it leads. */
  coHandled: number;
}

export interface UnitFigures extends UnitCounts {
  onTimeRate: number | null;
  onTimeRateOriginal: number | null;
}

export const ZERO_COUNTS: Readonly<UnitCounts> = Object.freeze({
  open: 0,
  overdue: 0,
  overdueOriginal: 0,
  closed: 0,
  closedOnTime: 0,
  closedOnTimeOriginal: 0,
  coHandled: 0,
});

/**
 * Closed on time against `deadline`: the completion request that was signed off was submitted at or
 * before it. A sign-off that came later is the supervisors' delay, never the unit's.
 */
export function closedOnTime(item: FigureItem, deadline: Date | null): boolean {
  return (
    item.status === 'closed' && !!deadline && !!item.completionRequestedAt && item.completionRequestedAt.getTime() <= deadline.getTime()
  );
}

const pastDeadline = (deadline: Date | null, now: Date) => !!deadline && now.getTime() > deadline.getTime();

/** Counts one set of items led by a unit at `now` (co-handled items are counted by the caller). */
export function countItems(items: readonly FigureItem[], now: Date): UnitCounts {
  const c = { ...ZERO_COUNTS };
  for (const item of items) {
    if (OPEN.has(item.status)) {
      c.open++;
      if (pastDeadline(item.dueAt, now)) c.overdue++;
      if (pastDeadline(item.originalDueAt, now)) c.overdueOriginal++;
    } else if (item.status === 'closed') {
      c.closed++;
      if (closedOnTime(item, item.dueAt)) c.closedOnTime++;
      if (closedOnTime(item, item.originalDueAt)) c.closedOnTimeOriginal++;
    }
  }
  return c;
}

/** Four decimals: enough to rank units, short enough to print. */
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * On-time rate = closed on time ÷ (closed + open overdue); null when nothing counts. A naive
 * closed-on-time ÷ closed would reward a unit that never finishes anything.
 */
export function onTimeRate(closedOnTimeCount: number, closed: number, openOverdue: number): number | null {
  const counted = closed + openOverdue;
  return counted === 0 ? null : round4(closedOnTimeCount / counted);
}

export function withRates(c: UnitCounts): UnitFigures {
  return {
    ...c,
    onTimeRate: onTimeRate(c.closedOnTime, c.closed, c.overdue),
    onTimeRateOriginal: onTimeRate(c.closedOnTimeOriginal, c.closed, c.overdueOriginal),
  };
}

export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  return {
    open: a.open + b.open,
    overdue: a.overdue + b.overdue,
    overdueOriginal: a.overdueOriginal + b.overdueOriginal,
    closed: a.closed + b.closed,
    closedOnTime: a.closedOnTime + b.closedOnTime,
    closedOnTimeOriginal: a.closedOnTimeOriginal + b.closedOnTimeOriginal,
    coHandled: a.coHandled + b.coHandled,
  };
}

/** One collator for every comparison: `localeCompare(b, 'zh-CN')` sets one up on each call. */
const BY_NAME = new Intl.Collator('zh-CN');

/** Worst first: lower rate first (null, nothing to judge, last), then more overdue, then by name. */
export function compareUnits(a: UnitFigures & { name: string }, b: UnitFigures & { name: string }): number {
  const rate = (x: number | null) => (x === null ? 2 : x);
  return rate(a.onTimeRate) - rate(b.onTimeRate) || b.overdue - a.overdue || BY_NAME.compare(a.name, b.name);
}
