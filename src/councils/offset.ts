import { DateTime, Duration } from 'luxon';
import { cachedZone } from '../calendars/cached-zone';
import type { WorkingCalendar } from '../calendars/working-calendar';

/**
 * A policy offset: an ISO-8601 duration (`P3D`, `PT2H`, `-P1D`, `PT5S`) or working days (`3wd`, `-1wd`).
 */
export type Offset = { kind: 'duration'; sign: 1 | -1; duration: Duration } | { kind: 'workdays'; days: number };

const WORKDAYS = /^([+-]?)(\d{1,3})wd$/;
/**
 * An ISO-8601 duration with unsigned components and at least one of them (`P`, `PT`, `P1DT`, `P-1D`
 * are not durations; luxon reads the first three as zero and the last as negative, which would let a
 * negative offset pass as a positive one). The sign, if any, goes in front: `-P1D`.
 */
const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const DURATION = new RegExp(
  `^P(?=.)(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?=.)(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
);

/** Parses an offset; returns null when the text is neither form. */
export function parseOffset(text: string): Offset | null {
  const wd = WORKDAYS.exec(text);
  if (wd) return { kind: 'workdays', days: (wd[1] === '-' ? -1 : 1) * Number(wd[2]) };
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  if (!DURATION.test(body)) return null;
  const duration = Duration.fromISO(body);
  if (!duration.isValid) return null;
  return { kind: 'duration', sign: negative ? -1 : 1, duration };
}

/**
 * The longest offset a policy may hold, either way: a year as a duration (P1Y, P12M, P366D, PT8784H),
 * 260 working days (about a year of them). Longer ones are no reminder policy, and instants that far
 * off overflow luxon and PostgreSQL (P300000Y made every `?light=` list fail).
 */
export const MAX_OFFSET_DAYS = 366;
export const MAX_OFFSET_WORKDAYS = 260;

/** Why an offset is too long, naming the limit; null when it is within bounds (or not an offset). */
export function offsetBoundProblem(text: string): string | null {
  const o = parseOffset(text);
  if (!o) return null;
  if (o.kind === 'workdays')
    return Math.abs(o.days) > MAX_OFFSET_WORKDAYS ? `must be at most ${MAX_OFFSET_WORKDAYS} working days (${MAX_OFFSET_WORKDAYS}wd)` : null;
  // luxon's casual conversion (a year of 365 days, a month of 30): P1Y and P12M both pass.
  const millis = o.duration.toMillis();
  return !Number.isFinite(millis) || millis > MAX_OFFSET_DAYS * 86_400_000
    ? `must be at most ${MAX_OFFSET_DAYS} days (P1Y, P12M, P${MAX_OFFSET_DAYS}D)`
    : null;
}

export function isOffset(text: unknown): text is string {
  return typeof text === 'string' && parseOffset(text) !== null;
}

/** Applies an offset to an instant in the council's zone and calendar. */
export function applyOffset(instant: Date, offset: Offset | string, calendar: WorkingCalendar, zone: string): Date {
  const o = typeof offset === 'string' ? parseOffset(offset) : offset;
  if (!o) throw new Error(`not an offset: ${JSON.stringify(offset)}`);
  if (o.kind === 'workdays') return calendar.addWorkingDays(instant, o.days, zone);
  const local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
  return (o.sign < 0 ? local.minus(o.duration) : local.plus(o.duration)).toJSDate();
}

/** The same offset pointing the other way (`3wd` → `-3wd`). */
export function negateOffset(offset: Offset): Offset {
  return offset.kind === 'workdays'
    ? { kind: 'workdays', days: -offset.days }
    : { kind: 'duration', sign: offset.sign === 1 ? -1 : 1, duration: offset.duration };
}
