import { DateTime } from 'luxon';
import { WorkingCalendar } from '../calendars/working-calendar';
import { resolvePolicy } from '../councils/policy';
import { DEMO_COUNCIL, DEMO_DECISIONS, DEMO_TIMEZONE } from './demo-data';
import { dueDayForLevel, escalationInstants, titleWithDue } from './demo-calendar';

// The published Chinese calendar, as CalendarService seeds it (holidays and adjusted working weekends).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const cn = new WorkingCalendar(
  'cn',
  new Map([
    ...Object.keys(data.holidays).map((d): [string, boolean] => [d, false]),
    ...Object.keys(data.workdays).map((d): [string, boolean] => [d, true]),
  ]),
);
const policy = resolvePolicy(DEMO_COUNCIL.policy, 'normal');

/** The level an item due `back` days before `now` stands at, as the engine plans its escalations. */
function levelAt(now: Date, dueDay: number): number {
  const due = DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE }).startOf('day').plus({ days: dueDay }).toISODate()!;
  const fired = [...escalationInstants(due, policy, cn, DEMO_TIMEZONE)].filter(([, at]) => at.getTime() <= now.getTime());
  return Math.max(0, ...fired.map(([level]) => level));
}

describe('demo calendar: overdue items at levels 1–3 on any day', () => {
  // Every seven hours (so every hour of the day comes round) over three weeks with weekends, the
  // National Day week and the Spring Festival.
  const instants: Date[] = [];
  for (const start of ['2026-09-24T00:00:00+08:00', '2026-11-23T00:00:00+08:00', '2027-02-01T00:00:00+08:00']) {
    for (let h = 0; h < 24 * 21; h += 7) instants.push(new Date(new Date(start).getTime() + h * 3_600_000));
  }

  it.each([1, 2, 3])('finds a due date that puts an item at level %i at every instant', (level) => {
    // The level-3 item was urged as "already overdue" eight days ago: its deadline must lie before that.
    const urged = DEMO_DECISIONS.find((d) => d.expected.escalationLevel === 3)!.steps.find((s) => s.action === 'urge')!.day;
    for (const now of instants) {
      const day = dueDayForLevel(level, now, policy, cn, DEMO_TIMEZONE);
      expect({ now: now.toISOString(), level: levelAt(now, day) }).toEqual({ now: now.toISOString(), level });
      expect(day).toBeLessThan(level === 3 ? urged : 0);
    }
  });

  it('a level-1 item waits for working hours: on a Saturday its deadline was before Friday', () => {
    const saturday = new Date('2026-11-28T10:00:00+08:00');
    expect(dueDayForLevel(1, saturday, policy, cn, DEMO_TIMEZONE)).toBeLessThanOrEqual(-2);
    // Due Friday, level 1 would fire on Monday at 08:00 (quiet hours end on the next working morning).
    expect(levelAt(saturday, -1)).toBe(0);
  });

  it('writes a title deadline from the date, in the council zone', () => {
    expect(titleWithDue('{due}前建成开放滨河口袋公园', '2027-01-07')).toBe('1月7日前建成开放滨河口袋公园');
    expect(titleWithDue('两个月内清除拆迁障碍', null)).toBe('两个月内清除拆迁障碍');
    expect(() => titleWithDue('{due}前完成', null)).toThrow(/names its deadline/);
  });
});
