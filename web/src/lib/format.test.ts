import { describe, expect, it } from 'vitest';
import { dayInZone, formatDate, formatDateTime, formatRate } from './format';

describe('formatDateTime', () => {
  it.each([
    ['2026-03-02T01:00:00Z', 'Asia/Shanghai', 'zh-CN', '2026年3月2日 09:00'],
    ['2026-03-01T16:30:00Z', 'Asia/Shanghai', 'zh-CN', '2026年3月2日 00:30'],
    // The council's zone, not the browser's: the same instant is still 1 March in London.
    ['2026-03-01T16:30:00Z', 'Europe/London', 'zh-CN', '2026年3月1日 16:30'],
    ['2026-12-31T15:59:59Z', 'Asia/Shanghai', 'en', '31 Dec 2026, 23:59'],
  ])('%s in %s (%s) is %s', (iso, zone, locale, expected) => {
    expect(formatDateTime(iso, zone, locale)).toBe(expected);
  });

  it('shows a dash for nothing or nonsense', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });
});

describe('formatDate and dayInZone', () => {
  it('give the day in the council zone', () => {
    expect(formatDate('2026-12-31T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026年12月31日');
    expect(dayInZone('2026-12-31T16:00:00Z', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dayInZone('2026-12-31T16:00:00Z', 'UTC')).toBe('2026-12-31');
  });
});

describe('formatRate', () => {
  it.each([
    [null, '—'],
    [0, '0.0%'],
    [1, '100.0%'],
    [5 / 6, '83.3%'],
  ])('%s → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});
