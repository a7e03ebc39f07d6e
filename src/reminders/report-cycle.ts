import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../calendars/working-calendar';

/**
 * Progress-report cycles: the council's cron read in its zone. A cycle that falls on a non-working
 * day moves to the next working day at the same local time (a cron knows nothing of 调休).
 */
export function nextReportCycle(cron: string, after: Date, calendar: WorkingCalendar, zone: string): Date {
  const expression = CronExpressionParser.parse(cron, { currentDate: after, tz: zone });
  const nominal = expression.next().toDate();
  return shiftToWorkday(nominal, calendar, zone);
}

/** The cycle before `cycle` (its window opens there): a report made after it counts for `cycle`. */
export function previousReportCycle(cron: string, cycle: Date, calendar: WorkingCalendar, zone: string): Date {
  const expression = CronExpressionParser.parse(cron, { currentDate: cycle, tz: zone });
  return shiftToWorkday(expression.prev().toDate(), calendar, zone);
}

function shiftToWorkday(instant: Date, calendar: WorkingCalendar, zone: string): Date {
  let local = DateTime.fromJSDate(instant, { zone });
  for (let guard = 0; !calendar.isWorkday(local.toISODate()!) && guard < 366; guard++) local = local.plus({ days: 1 });
  return local.toJSDate();
}
