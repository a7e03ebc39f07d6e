import { DateTime } from 'luxon';
import { cachedZone } from '../calendars/cached-zone';
import { isDateText, isInstantText } from '../common/time-text';

/** Whether text is a deadline as the API accepts it: a date, or an instant with an offset. */
export function isDeadlineText(text: unknown): text is string {
  return isDateText(text) || isInstantText(text);
}

/** A date means the end of that day in the council's zone; an instant is taken as given. */
export function parseDeadline(text: string, zone: string): Date {
  if (isDateText(text))
    return DateTime.fromISO(text, { zone: cachedZone(zone) })
      .endOf('day')
      .toJSDate();
  return DateTime.fromISO(text, { setZone: true }).toJSDate();
}

/**
 * The lower bound of a date range (`dueAfter`): a date means the start of that day in the zone, so
 * `dueAfter=D&dueBefore=D` covers the whole of day D; an instant is taken as given.
 */
export function parseRangeStart(text: string, zone: string): Date {
  if (isDateText(text))
    return DateTime.fromISO(text, { zone: cachedZone(zone) })
      .startOf('day')
      .toJSDate();
  return DateTime.fromISO(text, { setZone: true }).toJSDate();
}
