import { closedOnTime, compareUnits, countItems, onTimeRate, withRates, ZERO_COUNTS, type FigureItem } from './figures';

const d = (text: string) => new Date(text);
const NOW = d('2026-03-25T02:00:00Z');
const item = (status: string, due: string | null, original: string | null = due, requested: string | null = null): FigureItem => ({
  status,
  dueAt: due ? d(due) : null,
  originalDueAt: original ? d(original) : null,
  completionRequestedAt: requested ? d(requested) : null,
});

describe('closedOnTime: the signed-off request was submitted at or before the deadline', () => {
  it.each<[string, FigureItem, string | null, boolean]>([
    [
      'requested before, signed off after the deadline',
      item('closed', '2026-03-10T16:00:00Z', null, '2026-03-09T02:00:00Z'),
      '2026-03-10T16:00:00Z',
      true,
    ],
    [
      'requested exactly at the deadline',
      item('closed', '2026-03-10T16:00:00Z', null, '2026-03-10T16:00:00Z'),
      '2026-03-10T16:00:00Z',
      true,
    ],
    [
      'requested a millisecond late',
      item('closed', '2026-03-10T16:00:00Z', null, '2026-03-10T16:00:00.001Z'),
      '2026-03-10T16:00:00Z',
      false,
    ],
    [
      'not closed (completion requested only)',
      item('completion_requested', '2026-03-10T16:00:00Z', null, '2026-03-09T00:00:00Z'),
      '2026-03-10T16:00:00Z',
      false,
    ],
    ['closed with no deadline to judge', item('closed', null, null, '2026-03-09T00:00:00Z'), null, false],
  ])('%s', (_label, it, deadline, expected) => {
    expect(closedOnTime(it, deadline ? d(deadline) : null)).toBe(expected);
  });
});

describe('onTimeRate = closed on time ÷ (closed + open overdue)', () => {
  it.each<[number, number, number, number | null]>([
    [0, 0, 0, null], // nothing counts
    [0, 0, 3, 0], // never finishes anything: 0, not null and not 1
    [2, 3, 0, 0.6667],
    [2, 3, 2, 0.4], // naive 2/3 would hide the two open overdue items
    [5, 5, 0, 1],
  ])('%i on time, %i closed, %i open overdue → %p', (onTime, closed, overdue, expected) => {
    expect(onTimeRate(onTime, closed, overdue)).toBe(expected);
  });
});

describe('countItems: a unit’s items at an instant', () => {
  it('counts the hand-computed lead unit of the e2e fixture', () => {
    const due = '2026-03-10T15:59:59.999Z';
    const items = [
      item('closed', due, due, '2026-03-09T02:00:00Z'), // A: on time, signed off late
      item('closed', '2026-03-20T15:59:59.999Z', due, '2026-03-15T02:00:00Z'), // B: extension met
      item('closed', due, due, '2026-03-11T02:00:00Z'), // C: late
      item('in_progress', due), // D: open overdue
      item('in_progress', '2026-03-31T15:59:59.999Z'), // E: open
      item('cancelled', '2026-03-05T15:59:59.999Z'), // F: left out
      item('in_progress', '2026-03-20T15:59:59.999Z'), // I: open overdue
    ];
    const figures = withRates(countItems(items, NOW));
    expect(figures).toEqual({
      open: 3,
      overdue: 2,
      overdueOriginal: 2,
      closed: 3,
      closedOnTime: 2,
      closedOnTimeOriginal: 1,
      coHandled: 0,
      onTimeRate: 0.4,
      onTimeRateOriginal: 0.2,
    });
  });

  it('an open item past its original deadline but inside an extension is late only against the original', () => {
    const c = withRates(countItems([item('in_progress', '2026-03-30T00:00:00Z', '2026-03-20T00:00:00Z')], NOW));
    expect(c).toMatchObject({ overdue: 0, overdueOriginal: 1, onTimeRate: null, onTimeRateOriginal: 0 });
  });

  it('registered items without a deadline are open and never overdue', () => {
    expect(countItems([item('registered', null)], NOW)).toEqual({ ...ZERO_COUNTS, open: 1 });
  });
});

describe('compareUnits: worst first', () => {
  const unit = (name: string, rate: number | null, overdue: number) => ({ ...withRates(ZERO_COUNTS), name, onTimeRate: rate, overdue });
  it('lower rate, then more overdue, then name; nothing to judge last', () => {
    const sorted = [unit('丙', null, 0), unit('乙', 0.5, 1), unit('甲', 0.5, 3), unit('丁', 0.2, 0)].sort(compareUnits);
    expect(sorted.map((u) => u.name)).toEqual(['丁', '甲', '乙', '丙']);
  });
});
