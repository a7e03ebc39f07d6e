import { DateTime } from 'luxon';
import { cachedZone } from '../calendars/cached-zone';
import type { WorkingCalendar } from '../calendars/working-calendar';
import { cronTimeline } from './cron-timeline';

/**
 * Progress-report cycles: the council's cron read in its zone. A cycle that falls on a non-working
 * day moves to the next working day at the same local time (a cron knows nothing of 调休).
 */
export function nextReportCycle(cron: string, after: Date, calendar: WorkingCalendar, zone: string): Date {
  return shiftToWorkday(new Date(cronTimeline(cron, zone).next(after.getTime())), calendar, zone);
}

/** The cycle before `cycle` (its window opens there): a report made after it counts for `cycle`. */
export function previousReportCycle(cron: string, cycle: Date, calendar: WorkingCalendar, zone: string): Date {
  return shiftToWorkday(new Date(cronTimeline(cron, zone).prev(cycle.getTime())), calendar, zone);
}

function shiftToWorkday(instant: Date, calendar: WorkingCalendar, zone: string): Date {
  let local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
  for (let guard = 0; !calendar.isWorkday(local.toISODate()!) && guard < 366; guard++) local = local.plus({ days: 1 });
  return local.toJSDate();
}
