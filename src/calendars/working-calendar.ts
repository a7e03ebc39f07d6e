import { DateTime } from 'luxon';

/**
 * Working-day arithmetic over a set of exceptional days. Pure: the exceptions come in as data
 * (published holidays, adjusted working weekends and admin overrides, loaded by CalendarService).
 */
export type CalendarKind = 'cn' | 'weekdays' | 'all';

export class WorkingCalendar {
  /** @param exceptions for `cn`: ISO date → isWorkday, for every day that differs from Mon–Fri. */
  constructor(
    readonly kind: CalendarKind,
    private readonly exceptions: ReadonlyMap<string, boolean> = new Map(),
  ) {}

  /** Whether a local date (`YYYY-MM-DD`) is a working day. */
  isWorkday(isoDate: string): boolean {
    if (this.kind === 'all') return true;
    if (this.kind === 'cn') {
      const exception = this.exceptions.get(isoDate);
      if (exception !== undefined) return exception;
    }
    const weekday = DateTime.fromISO(isoDate, { zone: 'utc' }).weekday;
    return weekday <= 5;
  }

  /**
   * Moves an instant by `days` working days in `zone`, keeping the local time of day: each step goes
   * to the next (or previous) working date. From a non-working day, +1wd lands on the first working
   * day after it. Zero returns the instant unchanged.
   */
  addWorkingDays(instant: Date, days: number, zone: string): Date {
    let local = DateTime.fromJSDate(instant, { zone });
    const step = days < 0 ? -1 : 1;
    let remaining = Math.abs(days);
    // A year of non-working days in a row would be a broken calendar; stop rather than spin.
    let guard = 0;
    while (remaining > 0) {
      local = local.plus({ days: step });
      if (this.isWorkday(local.toISODate()!)) remaining--;
      if (++guard > 3660) throw new Error('calendar has no working days');
    }
    return local.toJSDate();
  }

  /** The first working date at or after the local date of `instant`, at `hh:mm` local time. */
  nextWorkingMorning(instant: Date, zone: string, time: string): Date {
    const [hour, minute] = time.split(':').map(Number);
    let local = DateTime.fromJSDate(instant, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
    if (local.toMillis() < instant.getTime()) local = local.plus({ days: 1 });
    let guard = 0;
    while (!this.isWorkday(local.toISODate()!)) {
      local = local.plus({ days: 1 });
      if (++guard > 3660) throw new Error('calendar has no working days');
    }
    return local.toJSDate();
  }
}
