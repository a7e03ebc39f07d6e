import { WorkingCalendar } from './working-calendar';

/** The published calendar as the service seeds it: holidays are days off, adjusted weekends (调休) are workdays. */
function officialCalendar(): WorkingCalendar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const days = new Map<string, boolean>();
  for (const date of Object.keys(data.holidays)) days.set(date, false);
  for (const date of Object.keys(data.workdays)) days.set(date, true);
  return new WorkingCalendar('cn', days);
}

const cn = officialCalendar();
const SH = 'Asia/Shanghai';
/** 09:00 in Shanghai on a date. */
const sh = (date: string, time = '09:00:00') => new Date(`${date}T${time}+08:00`);
const iso = (d: Date) => d.toISOString();

describe('WorkingCalendar.isWorkday over the 2025 and 2026 official calendars', () => {
  it.each<[string, boolean, string]>([
    ['2026-03-02', true, 'an ordinary Monday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'the last day of the National Day break'],
    ['2026-10-08', true, 'the Thursday after the break'],
    ['2026-09-20', true, 'Sunday worked for National Day'],
    ['2026-10-10', true, 'Saturday worked for National Day'],
    ['2026-09-25', false, 'Mid-autumn (a Friday)'],
    ['2026-02-14', true, 'Saturday worked for the Spring Festival'],
    ['2026-02-23', false, 'the last day of the Spring Festival break (a Monday)'],
    ['2026-02-28', true, 'Saturday worked after the Spring Festival'],
    ['2026-01-04', true, "Sunday worked for New Year's Day"],
    ['2025-01-26', true, 'Sunday worked for the Spring Festival'],
    ['2025-02-08', true, 'Saturday worked for the Spring Festival'],
    ['2025-01-28', false, "Spring Festival's eve"],
    ['2025-02-04', false, 'the last day of the 2025 Spring Festival break (a Tuesday)'],
    ['2025-10-08', false, 'the 2025 National Day break runs to the 8th'],
    ['2025-09-28', true, 'Sunday worked for the 2025 National Day'],
    ['2025-10-11', true, 'Saturday worked for the 2025 National Day'],
    ['2025-05-05', false, 'Labour Day break (a Monday)'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cn.isWorkday(date)).toBe(expected);
  });

  it('the weekdays calendar ignores holidays and make-up days; the all calendar works every day', () => {
    const exceptions = new Map([
      ['2026-10-01', false],
      ['2026-09-20', true],
    ]);
    const weekdays = new WorkingCalendar('weekdays', exceptions);
    expect([weekdays.isWorkday('2026-10-01'), weekdays.isWorkday('2026-09-20'), weekdays.isWorkday('2026-09-19')]).toEqual([
      true,
      false,
      false,
    ]);
    const all = new WorkingCalendar('all', exceptions);
    expect([all.isWorkday('2026-10-01'), all.isWorkday('2026-09-19')]).toEqual([true, true]);
  });
});

describe('WorkingCalendar.addWorkingDays (Asia/Shanghai, keeping the time of day)', () => {
  it.each<[string, number, string]>([
    // National Day 2026: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-10-03', 1, '2026-10-08'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-18', 2, '2026-09-21'],
    ['2026-09-24', 1, '2026-09-28'],
    // National Day 2025 (1–8 October off): the example of a deadline "one working day after the 30th".
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-26', 1, '2025-09-28'],
    // Spring Festival 2025: 28 January – 4 February off, Sunday 26 January and Saturday 8 February worked.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    ['2025-02-07', 2, '2025-02-10'],
    // Spring Festival 2026 and the turn of the year.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    ['2026-03-02', 5, '2026-03-09'],
    ['2026-03-02', 20, '2026-03-30'],
    // Negative offsets walk back over the same days.
    ['2026-10-08', -1, '2026-09-30'],
    ['2026-10-12', -2, '2026-10-09'],
    ['2026-10-05', -1, '2026-09-30'],
    ['2026-09-21', -1, '2026-09-20'],
    ['2026-09-21', -2, '2026-09-18'],
    ['2025-02-05', -1, '2025-01-27'],
    ['2025-01-27', -2, '2025-01-24'],
    ['2025-02-10', -1, '2025-02-08'],
    ['2026-01-05', -2, '2025-12-31'],
    ['2026-02-24', -1, '2026-02-14'],
    // Zero is the instant itself, even on a holiday.
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s %+d wd → %s', (from, days, expected) => {
    expect(iso(cn.addWorkingDays(sh(from), days, SH))).toBe(iso(sh(expected)));
  });

  it.each<[string, string, number, string, string]>([
    // 20:00 UTC on 30 September is already 1 October (a holiday) in Shanghai.
    ['2026-09-30T20:00:00Z', SH, 1, '2026-10-07T20:00:00.000Z', 'Shanghai: 1 Oct 04:00 → 8 Oct 04:00'],
    ['2026-09-30T20:00:00Z', 'UTC', 1, '2026-10-08T20:00:00.000Z', 'UTC: 30 Sep 20:00 → 8 Oct 20:00'],
    // 18:00 UTC on Saturday 19 September is Sunday 20 September (worked) in Shanghai.
    ['2026-09-19T18:00:00Z', SH, -1, '2026-09-17T18:00:00.000Z', 'Shanghai: Sun 20 Sep → Fri 18 Sep'],
    ['2026-09-19T18:00:00Z', 'UTC', -1, '2026-09-18T18:00:00.000Z', 'UTC: Sat 19 Sep → Fri 18 Sep'],
    ['2026-09-19T18:00:00Z', SH, 1, '2026-09-20T18:00:00.000Z', 'Shanghai: Sun 20 Sep → Mon 21 Sep'],
    ['2026-09-19T18:00:00Z', 'UTC', 1, '2026-09-20T18:00:00.000Z', 'UTC: Sat 19 Sep → Sun 20 Sep (worked)'],
  ])('%s in %s %+d wd → %s (%s)', (instant, zone, days, expected) => {
    expect(iso(cn.addWorkingDays(new Date(instant), days, zone))).toBe(expected);
  });

  it('across a daylight-saving change the local time of day is kept', () => {
    const weekdays = new WorkingCalendar('weekdays');
    // Friday 6 March 2026 12:00 in New York (EST), +1wd → Monday 9 March 12:00 (EDT).
    expect(iso(weekdays.addWorkingDays(new Date('2026-03-06T12:00:00-05:00'), 1, 'America/New_York'))).toBe('2026-03-09T16:00:00.000Z');
  });

  it.each<[string, number, string]>([
    ['2026-09-30', 1, '2026-10-01'],
    ['2026-09-18', 1, '2026-09-21'],
    ['2026-09-21', -1, '2026-09-18'],
  ])('weekdays: %s %+d wd → %s', (from, days, expected) => {
    expect(iso(new WorkingCalendar('weekdays').addWorkingDays(sh(from), days, SH))).toBe(iso(sh(expected)));
  });

  it('all: every day counts', () => {
    expect(iso(new WorkingCalendar('all').addWorkingDays(sh('2026-09-30'), 3, SH))).toBe(iso(sh('2026-10-03')));
    expect(iso(new WorkingCalendar('all').addWorkingDays(sh('2026-09-19'), -1, SH))).toBe(iso(sh('2026-09-18')));
  });

  it('a calendar with no working days at all fails instead of spinning', () => {
    // Every day for the next twelve years declared a holiday.
    const never = new Map<string, boolean>();
    for (let d = Date.parse('2026-03-01T00:00:00Z'), i = 0; i < 12 * 366; i++, d += 86_400_000)
      never.set(new Date(d).toISOString().slice(0, 10), false);
    const broken = new WorkingCalendar('cn', never);
    expect(() => broken.addWorkingDays(sh('2026-03-02'), 1, SH)).toThrow(/no working days/);
    expect(() => broken.nextWorkingMorning(sh('2026-03-02'), SH, '08:00')).toThrow(/no working days/);
  });
});

describe('WorkingCalendar.nextWorkingMorning', () => {
  it.each<[string, string, string, string]>([
    ['2026-09-30T22:00:00+08:00', SH, '08:00', '2026-10-08T08:00:00+08:00'],
    ['2026-03-02T07:00:00+08:00', SH, '08:00', '2026-03-02T08:00:00+08:00'],
    ['2026-03-02T08:00:00+08:00', SH, '08:00', '2026-03-02T08:00:00+08:00'],
    ['2026-03-02T08:00:01+08:00', SH, '08:00', '2026-03-03T08:00:00+08:00'],
    ['2026-03-06T21:00:00+08:00', SH, '08:00', '2026-03-09T08:00:00+08:00'],
    ['2026-09-19T22:00:00+08:00', SH, '08:00', '2026-09-20T08:00:00+08:00'],
    ['2026-03-02T09:00:00+08:00', SH, '21:30', '2026-03-02T21:30:00+08:00'],
    // 23:30 UTC on 30 September is 07:30 on 1 October (a holiday) in Shanghai.
    ['2026-09-30T23:30:00Z', SH, '08:00', '2026-10-08T08:00:00+08:00'],
    ['2026-09-30T23:30:00Z', 'UTC', '08:00', '2026-10-08T08:00:00Z'],
    ['2026-09-29T23:30:00Z', 'UTC', '08:00', '2026-09-30T08:00:00Z'],
  ])('%s in %s at %s → %s', (instant, zone, time, expected) => {
    expect(iso(cn.nextWorkingMorning(new Date(instant), zone, time))).toBe(iso(new Date(expected)));
  });
});
