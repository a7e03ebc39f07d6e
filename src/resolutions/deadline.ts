import { DateTime } from 'luxon';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether text is a deadline as the API accepts it: a date, or an instant with an offset. */
export function isDeadlineText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  if (DATE_ONLY.test(text)) return DateTime.fromISO(text).isValid;
  return INSTANT.test(text) && DateTime.fromISO(text, { setZone: true }).isValid;
}

/** A date means the end of that day in the council's zone; an instant is taken as given. */
export function parseDeadline(text: string, zone: string): Date {
  if (DATE_ONLY.test(text)) return DateTime.fromISO(text, { zone }).endOf('day').toJSDate();
  return DateTime.fromISO(text, { setZone: true }).toJSDate();
}
