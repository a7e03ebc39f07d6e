import { isDeadlineText, parseDeadline } from './deadline';

describe('isDeadlineText: a date that exists, or an instant with an offset', () => {
  it.each([
    '2026-12-31',
    '2028-02-29',
    '2026-12-31T18:00:00+08:00',
    '2026-12-31T18:00+08:00',
    '2026-12-31T10:00:00Z',
    '2026-12-31T10:00:00.123456Z',
    '2026-12-31T23:59:59-05:30',
    '1900-01-01',
    '2999-12-31',
  ])('accepts %s', (text) => {
    expect(isDeadlineText(text)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2027-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-12-00'],
    ['a word', 'tomorrow'],
    ['an instant without an offset', '2026-12-31T18:00:00'],
    ['hour 24', '2026-12-31T24:00:00+08:00'],
    ['minute 60', '2026-12-31T18:60:00+08:00'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset of 99 hours', '2026-12-31T10:00:00+99:00'],
    ['an offset without a colon', '2026-12-31T10:00:00+0800'],
    ['a space instead of T', '2026-12-31 10:00:00+08:00'],
    ['seven fractional digits', '2026-12-31T10:00:00.1234567Z'],
    ['day first', '31/12/2026'],
    ['slashes', '2026/12/31'],
    ['a week date', '2026-W53-4'],
    ['an ordinal date', '2026-365'],
    ['year 0001', '0001-01-01'],
    ['year 9999', '9999-12-31'],
    ['a six-digit year', '+02026-12-31'],
    ['a number', 20261231],
    ['null', null],
    ['a Date', new Date('2026-12-31')],
    ['surrounding spaces', ' 2026-12-31 '],
  ])('refuses %s', (_label, text) => {
    expect(isDeadlineText(text)).toBe(false);
  });
});

describe('parseDeadline', () => {
  it.each<[string, string, string]>([
    ['2026-12-31', 'Asia/Shanghai', '2026-12-31T15:59:59.999Z'],
    ['2026-12-31', 'UTC', '2026-12-31T23:59:59.999Z'],
    ['2026-12-31', 'America/New_York', '2027-01-01T04:59:59.999Z'],
    // The end of a day that is 23 hours long (US daylight saving starts on 8 March 2026).
    ['2026-03-08', 'America/New_York', '2026-03-09T03:59:59.999Z'],
    ['2026-12-31T18:00:00+08:00', 'UTC', '2026-12-31T10:00:00.000Z'],
    ['2026-12-31T18:00:00Z', 'Asia/Shanghai', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00-05:00', 'Asia/Shanghai', '2026-12-31T23:00:00.000Z'],
  ])('%s in %s → %s', (text, zone, expected) => {
    expect(parseDeadline(text, zone).toISOString()).toBe(expected);
  });
});
