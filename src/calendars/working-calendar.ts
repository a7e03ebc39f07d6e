import { DateTime } from 'luxon';
import { cachedZone } from './cached-zone';

/**
 * Working-day arithmetic over a set of exceptional days. Pure: the exceptions come in as data
 * (published holidays, adjusted working weekends and admin overrides, loaded by CalendarService).
 *
 * Dates are walked as day numbers (days since 1970-01-01), not as zoned date-times: a walk of ten
 * working days costs two zone conversions instead of dozens, which matters because every light and
 * every schedule asks for several such walks.
 */
export type CalendarKind = 'cn' | 'weekdays' | 'all';

const DAY_MS = 86_400_000;
/** A year of non-working days in a row would be a broken calendar; stop rather than spin. */
const MAX_STEPS = 3660;

/** Day number of a calendar date (UTC arithmetic, so no zone is involved). */
function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export class WorkingCalendar {
  private readonly exceptionsByDay: ReadonlyMap<number, boolean>;

  /** @param exceptions for `cn`: ISO date → isWorkday, for every day that differs from Mon–Fri. */
  constructor(
    readonly kind: CalendarKind,
    exceptions: ReadonlyMap<string, boolean> = new Map(),
  ) {
    const byDay = new Map<number, boolean>();
    for (const [iso, isWorkday] of exceptions) byDay.set(Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS), isWorkday);
    this.exceptionsByDay = byDay;
  }

  /** Whether a local date (`YYYY-MM-DD`) is a working day. */
  isWorkday(isoDate: string): boolean {
    return this.isWorkdayNumber(Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS));
  }

  private isWorkdayNumber(dayNumber: number): boolean {
    if (this.kind === 'all') return true;
    if (this.kind === 'cn') {
      const exception = this.exceptionsByDay.get(dayNumber);
      if (exception !== undefined) return exception;
    }
    return weekdayOf(dayNumber) <= 5;
  }

  /**
   * Moves an instant by `days` working days in `zone`, keeping the local time of day: each step goes
   * to the next (or previous) working date. From a non-working day, +1wd lands on the first working
   * day after it. Zero returns the instant unchanged.
   */
  addWorkingDays(instant: Date, days: number, zone: string): Date {
    if (days === 0) return instant;
    const local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
    const start = dayNumberOf(local.year, local.month, local.day);
    const step = days < 0 ? -1 : 1;
    let day = start;
    for (let remaining = Math.abs(days), guard = 0; remaining > 0;) {
      day += step;
      if (this.isWorkdayNumber(day)) remaining--;
      if (++guard > MAX_STEPS) throw new Error('calendar has no working days');
    }
    // luxon moves the date by whole local days and keeps the wall-clock time across DST changes.
    return local.plus({ days: day - start }).toJSDate();
  }

  /** The first working date at or after the local date of `instant`, at `hh:mm` local time. */
  nextWorkingMorning(instant: Date, zone: string, time: string): Date {
    const [hour, minute] = time.split(':').map(Number);
    let local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) }).set({ hour, minute, second: 0, millisecond: 0 });
    if (local.toMillis() < instant.getTime()) local = local.plus({ days: 1 });
    const start = dayNumberOf(local.year, local.month, local.day);
    let day = start;
    for (let guard = 0; !this.isWorkdayNumber(day); day++) {
      if (++guard > MAX_STEPS) throw new Error('calendar has no working days');
    }
    return day === start ? local.toJSDate() : local.plus({ days: day - start }).toJSDate();
  }
}
