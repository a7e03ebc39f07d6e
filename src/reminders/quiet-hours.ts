import { DateTime } from 'luxon';
import { cachedZone } from '../calendars/cached-zone';
import type { WorkingCalendar } from '../calendars/working-calendar';

export interface QuietHours {
  start: string;
  end: string;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether a local time of day falls inside quiet hours (which may span midnight). */
export function isQuiet(instant: Date, quiet: QuietHours, zone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
  const t = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/**
 * Defers an instant that falls in quiet hours to their end: the next working morning under a
 * working-day calendar (`cn`, `weekdays`), the next morning under `all`. Outside them it is unchanged.
 */
export function deferOutOfQuietHours(instant: Date, quiet: QuietHours | null, calendar: WorkingCalendar, zone: string): Date {
  if (!quiet || !isQuiet(instant, quiet, zone)) return instant;
  return calendar.nextWorkingMorning(instant, zone, quiet.end);
}
