import { invalid } from '../common/domain-error';
import { parseDeadline, parseRangeStart } from '../resolutions/deadline';

/** Periods longer than this are refused: a report over more than three years is a typo, not a plan. */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface Period {
  start: Date;
  end: Date;
}

/**
 * A period from two texts: a start date means the start of that day in the council's zone, an end
 * date its end (so `2026-03-01`…`2026-03-31` is all of March); instants are taken as given. The end
 * must not come before the start, and the period must not exceed three years (400 naming `endField`).
 */
export function parsePeriod(startText: string, endText: string, zone: string, fields: { start: string; end: string }): Period {
  const start = parseRangeStart(startText, zone);
  const end = parseDeadline(endText, zone);
  if (end.getTime() < start.getTime()) throw invalid(fields.end, `must not be before ${fields.start}`, 'afterStart');
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000)
    throw invalid(fields.end, `must be at most three years after ${fields.start}`, 'maxPeriod');
  return { start, end };
}
