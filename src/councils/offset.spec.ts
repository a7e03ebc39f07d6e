import { WorkingCalendar } from '../calendars/working-calendar';
import { applyOffset, isOffset, negateOffset, parseOffset } from './offset';

const SH = 'Asia/Shanghai';
const sh = (date: string, time = '09:00:00') => new Date(`${date}T${time}+08:00`);
const iso = (d: Date) => d.toISOString();

/** National Day 2026 and Mid-autumn as published: 25–27 Sep and 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked. */
const cn = new WorkingCalendar(
  'cn',
  new Map<string, boolean>([
    ...[
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ].map((d) => [d, false] as [string, boolean]),
    ['2026-09-20', true],
    ['2026-10-10', true],
  ]),
);

function describeOffset(text: string): string {
  const o = parseOffset(text);
  if (!o) return 'invalid';
  return o.kind === 'workdays' ? `${o.days}wd` : `${o.sign < 0 ? '-' : '+'}${o.duration.toISO()}`;
}

describe('parseOffset', () => {
  it.each<[string, string]>([
    ['3wd', '3wd'],
    ['-1wd', '-1wd'],
    ['+2wd', '2wd'],
    ['0wd', '0wd'],
    ['999wd', '999wd'],
    ['P3D', '+P3D'],
    ['-P1D', '-P1D'],
    ['+P1D', '+P1D'],
    ['PT2H', '+PT2H'],
    ['PT5S', '+PT5S'],
    ['PT0S', '+PT0S'],
    ['-PT0S', '-PT0S'],
    ['P1W', '+P1W'],
    ['PT1H30M', '+PT1H30M'],
    ['P1DT12H', '+P1DT12H'],
    ['P1M', '+P1M'],
  ])('%s → %s', (text, expected) => {
    expect(describeOffset(text)).toBe(expected);
  });

  it.each([
    '',
    '3',
    'wd',
    '3 wd',
    '3WD',
    '1000wd',
    '-3.5wd',
    '3d',
    'tomorrow',
    'p3d',
    'P',
    'PT',
    'P1DT',
    'P1H',
    'P-1D',
    '-P-1D',
    'PT-1H',
    '--P1D',
    '+-P1D',
    ' P1D',
    'P1D ',
  ])('%j is not an offset', (text) => {
    expect(parseOffset(text)).toBeNull();
    expect(isOffset(text)).toBe(false);
  });

  it('only strings are offsets', () => {
    expect([isOffset(3), isOffset(null), isOffset(undefined), isOffset({})]).toEqual([false, false, false, false]);
  });
});

describe('applyOffset', () => {
  it.each<[string, string, string, string]>([
    ['P1D', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-03'))],
    ['-P1D', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-01'))],
    ['PT2H', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-02', '11:00:00'))],
    ['-PT2H', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-02', '07:00:00'))],
    ['PT5S', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-02', '09:00:05'))],
    ['PT0S', sh('2026-03-02').toISOString(), SH, iso(sh('2026-03-02'))],
    ['P1M', sh('2026-01-31').toISOString(), SH, iso(sh('2026-02-28'))],
    // Working days follow the calendar in both directions.
    ['3wd', sh('2026-09-18').toISOString(), SH, iso(sh('2026-09-22'))],
    ['1wd', sh('2026-09-30').toISOString(), SH, iso(sh('2026-10-08'))],
    ['-1wd', sh('2026-10-08').toISOString(), SH, iso(sh('2026-09-30'))],
    ['-3wd', sh('2026-10-08').toISOString(), SH, iso(sh('2026-09-28'))],
    ['-3wd', sh('2026-09-30').toISOString(), SH, iso(sh('2026-09-24'))],
    ['0wd', sh('2026-10-03').toISOString(), SH, iso(sh('2026-10-03'))],
    // A day is a calendar day in the zone: across the US daylight-saving change P1D is 23 hours, PT24H is 24.
    ['P1D', '2026-03-07T12:00:00-05:00', 'America/New_York', '2026-03-08T16:00:00.000Z'],
    ['PT24H', '2026-03-07T12:00:00-05:00', 'America/New_York', '2026-03-08T17:00:00.000Z'],
    ['-P1D', '2026-03-08T12:00:00-04:00', 'America/New_York', '2026-03-07T17:00:00.000Z'],
    // The same instant a working day later: 1 Oct in Shanghai is a holiday, 30 Sep in UTC is not.
    ['1wd', '2026-09-30T20:00:00Z', SH, '2026-10-07T20:00:00.000Z'],
    ['1wd', '2026-09-30T20:00:00Z', 'UTC', '2026-10-08T20:00:00.000Z'],
  ])('%s from %s in %s → %s', (offset, from, zone, expected) => {
    expect(iso(applyOffset(new Date(from), offset, cn, zone))).toBe(expected);
  });

  it('takes a parsed offset as well as text', () => {
    expect(iso(applyOffset(sh('2026-09-30'), parseOffset('1wd')!, cn, SH))).toBe(iso(sh('2026-10-08')));
  });

  it('refuses text that is not an offset', () => {
    expect(() => applyOffset(sh('2026-03-02'), 'soon', cn, SH)).toThrow(/not an offset/);
  });
});

describe('negateOffset', () => {
  it.each<[string, string]>([
    ['3wd', '-3wd'],
    ['-1wd', '1wd'],
    ['P1D', '-P1D'],
    ['-PT2H', '+PT2H'],
  ])('%s → %s', (text, expected) => {
    const negated = negateOffset(parseOffset(text)!);
    expect(negated.kind === 'workdays' ? `${negated.days}wd` : `${negated.sign < 0 ? '-' : '+'}${negated.duration.toISO()}`).toBe(expected);
  });

  it('going forward then back over the same working days returns to the start', () => {
    const start = sh('2026-09-30');
    const there = applyOffset(start, '2wd', cn, SH);
    expect(iso(applyOffset(there, negateOffset(parseOffset('2wd')!), cn, SH))).toBe(iso(start));
  });
});
