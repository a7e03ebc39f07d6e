import { CronExpressionParser } from 'cron-parser';

/** The most occurrences one question may walk through before asking cron-parser directly instead. */
const MAX_WALK = 100;
/** The most occurrences one timeline keeps; past that it starts over. */
const MAX_KEPT = 5_000;

/**
 * The occurrences of one cron in one zone as cron-parser produces them walking forward, kept sorted
 * over one contiguous span (no occurrence lies between two neighbours). `next` and `prev` answer by
 * binary search and stretch the span when asked outside it.
 *
 * Why: cron-parser walks the calendar in the zone through luxon, ~0.2 ms a step, and the engine asks
 * the same questions over and over (every item of a council shares its report cycles; the handler
 * asks for the cycle before each report action). Each occurrence is now computed once per process.
 *
 * Only forward walks are used, so `prev` is always the occurrence that `next` gave before. (cron-parser's
 * own `prev` disagrees with its `next` at a DST gap, e.g. 02:30 on a spring-forward day: `next` yields
 * 03:30, `prev` skips the day. Elsewhere the answers are cron-parser's own.)
 */
export class CronTimeline {
  private times: number[] = [];

  constructor(
    private readonly cron: string,
    private readonly zone: string,
  ) {}

  /** The first occurrence strictly after `t`. */
  next(t: number): number {
    if (!this.cover(t, t + 1)) return this.parse(t).next().getTime();
    return this.times[firstAbove(this.times, t)];
  }

  /** The last occurrence strictly before `t`. */
  prev(t: number): number {
    if (!this.cover(t - 1, t)) return this.atOrBefore(t - 1);
    return this.times[firstAbove(this.times, t - 1) - 1];
  }

  /**
   * Makes the span reach from at or before `low` to at or after `high`: stretched when the gap is a
   * short walk, started over around `low` when it is not (a far jump). False only when even that walk
   * is too long (a cron firing every few minutes): nothing is kept then.
   */
  private cover(low: number, high: number): boolean {
    const n = this.times.length;
    if (n && this.times[0] <= low && this.times[n - 1] >= high) return true;
    if (n < 2 || n > MAX_KEPT || this.farFrom(low, high)) {
      const start = this.atOrBefore(low);
      const after = this.walk(start, high);
      if (!after) return this.forget();
      this.times = [start, ...after];
      return true;
    }
    if (this.times[0] > low) {
      const start = this.atOrBefore(low);
      const between = this.walk(start, this.times[0]);
      if (!between) return this.forget();
      this.times = [start, ...between.filter((t) => t < this.times[0]), ...this.times];
    }
    if (this.times[this.times.length - 1] < high) {
      const after = this.walk(this.times[this.times.length - 1], high);
      if (!after) return this.forget();
      this.times.push(...after);
    }
    return true;
  }

  /** Whether reaching [low, high] from the span would take more than MAX_WALK occurrences (by their mean spacing). */
  private farFrom(low: number, high: number): boolean {
    const first = this.times[0];
    const last = this.times[this.times.length - 1];
    const spacing = (last - first) / (this.times.length - 1);
    return Math.max(first - low, high - last) / spacing > MAX_WALK;
  }

  /** The occurrences after `from`, walking forward up to the first one at or past `stop`; null past MAX_WALK. */
  private walk(from: number, stop: number): number[] | null {
    const expression = this.parse(from);
    const found: number[] = [];
    while (found.length === 0 || found[found.length - 1] < stop) {
      found.push(expression.next().getTime());
      if (found.length > MAX_WALK) return null;
    }
    return found;
  }

  /** An occurrence at or before `t` (cron-parser's `prev`, only ever used as a starting point). */
  private atOrBefore(t: number): number {
    return this.parse(t + 1)
      .prev()
      .getTime();
  }

  private parse(from: number) {
    return CronExpressionParser.parse(this.cron, { currentDate: new Date(from), tz: this.zone });
  }

  private forget(): false {
    this.times = [];
    return false;
  }
}

const timelines = new Map<string, CronTimeline>();

/** The shared timeline of a cron in a zone (a handful per process: one per distinct policy cron). */
export function cronTimeline(cron: string, zone: string): CronTimeline {
  const key = `${zone} ${cron}`;
  let timeline = timelines.get(key);
  if (!timeline) {
    if (timelines.size > 100) timelines.clear();
    timeline = new CronTimeline(cron, zone);
    timelines.set(key, timeline);
  }
  return timeline;
}

/** Index of the first entry > t (sorted ascending). */
function firstAbove(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
