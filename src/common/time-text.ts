import { DateTime } from 'luxon';

/**
 * The date and instant texts the API accepts (API.md: "Times are ISO-8601 with offset"), kept strict:
 * RFC 3339 fields (no hour 24, offsets up to ±23:59), real calendar dates (no 30 February) and years
 * 1900–2999 (a deadline in year 0 or 9999 is a typo, not a plan).
 */
const DATE_ONLY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const INSTANT =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const yearInRange = (year: string) => Number(year) >= MIN_YEAR && Number(year) <= MAX_YEAR;

/** A calendar date `YYYY-MM-DD` that exists. */
export function isDateText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE_ONLY.exec(text);
  return !!m && yearInRange(m[1]) && DateTime.fromISO(text).isValid;
}

/** An instant with an explicit offset (`Z` or `±HH:MM`) on a date that exists. */
export function isInstantText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = INSTANT.exec(text);
  return !!m && yearInRange(m[1]) && DateTime.fromISO(text, { setZone: true }).isValid;
}

export const INSTANT_RULE_TEXT = 'an ISO-8601 instant with offset, e.g. 2026-03-01T09:00:00+08:00';
