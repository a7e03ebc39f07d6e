import { WorkingCalendar } from '../calendars/working-calendar';
import { resolvePolicy } from '../councils/policy';
import { computeLight, daysOverdue, isOverdue, lightThresholds, type LightInput } from './resolution-light';

function officialCalendar(): WorkingCalendar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  return new WorkingCalendar(
    'cn',
    new Map([...Object.keys(data.holidays).map((d) => [d, false] as const), ...Object.keys(data.workdays).map((d) => [d, true] as const)]),
  );
}

const SH = 'Asia/Shanghai';
const sh = (local: string) => new Date(`${local}+08:00`);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const cn = officialCalendar();
/** The defaults: warning window 3wd, acceptance within 1wd, stagnation after 10wd. */
const defaults = resolvePolicy({}, 'normal');

describe('lightThresholds (defaults, official calendar, Asia/Shanghai)', () => {
  it.each<[string, string, string, string, string | null]>([
    // Monday 2 March 2026: Saturday 28 February was worked, 15–23 February was the Spring Festival break.
    ['Monday after a worked Saturday', '2026-03-02T09:00:00', '2026-03-05T09:00:00', '2026-02-28T09:00:00', '2026-02-10T09:00:00'],
    // Friday 18 September 2026: Sunday 20 September is worked.
    ['Friday before a worked Sunday', '2026-09-18T09:00:00', '2026-09-22T09:00:00', '2026-09-17T09:00:00', '2026-09-04T09:00:00'],
    // Tuesday 29 September: Mid-autumn (25–27) behind, National Day (1–7 October) ahead.
    ['between two holidays', '2026-09-29T15:00:00', '2026-10-09T15:00:00', '2026-09-28T15:00:00', '2026-09-15T15:00:00'],
  ])('%s (%s)', (_label, now, warn, acceptanceLate, stagnant) => {
    const t = lightThresholds(defaults, cn, SH, sh(now));
    expect({
      warn: t.warnDueBefore.toISOString(),
      acceptanceLate: t.acceptanceLateBefore.toISOString(),
      stagnant: t.stagnantBefore?.toISOString() ?? null,
    }).toEqual({
      warn: sh(warn).toISOString(),
      acceptanceLate: sh(acceptanceLate).toISOString(),
      stagnant: stagnant && sh(stagnant).toISOString(),
    });
  });

  it('follows the policy: durations, no stagnation, another calendar', () => {
    const policy = resolvePolicy({ warningWindow: 'P2D', acceptance: { within: 'PT4H', remindEvery: '1wd' }, stagnation: null }, 'normal');
    const t = lightThresholds(policy, new WorkingCalendar('weekdays'), SH, sh('2026-03-02T09:00:00'));
    expect({ warn: t.warnDueBefore, acceptanceLate: t.acceptanceLateBefore, stagnant: t.stagnantBefore }).toEqual({
      warn: sh('2026-03-04T09:00:00'),
      acceptanceLate: sh('2026-03-02T05:00:00'),
      stagnant: null,
    });
  });

  it('a policy stored before offsets were bounded gives thresholds a database can compare, not invalid dates', () => {
    // Stored as is, past validation: P300000Y overflows a Date.
    const policy = { ...resolvePolicy(null, 'normal'), warningWindow: 'P300000Y', acceptance: { within: 'P300000Y', remindEvery: '1wd' } };
    const t = lightThresholds(policy, new WorkingCalendar('weekdays'), SH, sh('2026-03-02T09:00:00'));
    expect(t.warnDueBefore.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(t.acceptanceLateBefore.toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('the calendar moves the acceptance threshold: the worked Saturday counts only in cn', () => {
    const now = sh('2026-03-02T09:00:00');
    expect(lightThresholds(defaults, new WorkingCalendar('weekdays'), SH, now).acceptanceLateBefore).toEqual(sh('2026-02-27T09:00:00'));
    expect(lightThresholds(defaults, cn, SH, now).acceptanceLateBefore).toEqual(sh('2026-02-28T09:00:00'));
  });
});

describe('computeLight at the boundaries', () => {
  const now = sh('2026-03-02T09:00:00');
  const t = lightThresholds(defaults, cn, SH, now);
  const far = sh('2026-12-31T23:59:59');
  const base: LightInput = {
    status: 'in_progress',
    dueAt: far,
    assignedAt: sh('2026-03-01T09:00:00'),
    acceptedAt: sh('2026-03-02T08:00:00'),
    lastProgressAt: null,
  };

  it.each<[string, Partial<LightInput>, 'green' | 'yellow' | 'red' | null]>([
    ['on track', {}, 'green'],
    ['closed: no light', { status: 'closed', dueAt: ms(now, -1) }, null],
    ['cancelled: no light', { status: 'cancelled', dueAt: ms(now, -1) }, null],
    ['registered without a deadline', { status: 'registered', dueAt: null, assignedAt: null, acceptedAt: null }, 'green'],
    ['due this very instant: not yet overdue, inside the window', { dueAt: now }, 'yellow'],
    ['due a millisecond ago: overdue', { dueAt: ms(now, -1) }, 'red'],
    [
      'overdue wins over everything else',
      { dueAt: ms(now, -1), reportOverdueSince: now, lastProgressAt: sh('2025-01-01T00:00:00') },
      'red',
    ],
    ['overdue while waiting for verification', { status: 'completion_requested', dueAt: ms(now, -1) }, 'red'],
    ['due exactly at the end of the warning window', { dueAt: t.warnDueBefore }, 'yellow'],
    ['due a millisecond after the window', { dueAt: ms(t.warnDueBefore, 1) }, 'green'],
    [
      'assigned exactly one working day ago: acceptance late',
      { status: 'assigned', acceptedAt: null, assignedAt: t.acceptanceLateBefore },
      'yellow',
    ],
    [
      'assigned a millisecond later: still on time',
      { status: 'assigned', acceptedAt: null, assignedAt: ms(t.acceptanceLateBefore, 1) },
      'green',
    ],
    ['an old assignment only matters until accepted', { assignedAt: sh('2025-01-01T00:00:00') }, 'green'],
    ['a progress report overdue', { reportOverdueSince: sh('2026-03-01T17:00:00') }, 'yellow'],
    ['last report exactly at the stagnation threshold', { lastProgressAt: t.stagnantBefore }, 'yellow'],
    ['last report a millisecond later', { lastProgressAt: ms(t.stagnantBefore!, 1) }, 'green'],
    ['never reported: judged from acceptance', { lastProgressAt: null, acceptedAt: ms(t.stagnantBefore!, -1) }, 'yellow'],
    [
      'a recent report outweighs an old acceptance',
      { lastProgressAt: ms(t.stagnantBefore!, 1), acceptedAt: sh('2025-01-01T00:00:00') },
      'green',
    ],
    [
      'stagnation is about work in progress only',
      { status: 'assigned', acceptedAt: null, assignedAt: ms(t.acceptanceLateBefore, 1), lastProgressAt: sh('2025-01-01T00:00:00') },
      'green',
    ],
  ])('%s → %s', (_label, change, expected) => {
    expect(computeLight({ ...base, ...change }, t, now)).toBe(expected);
  });

  it('without stagnation in the policy, silence never turns yellow', () => {
    const quiet = lightThresholds(resolvePolicy({ stagnation: null }, 'normal'), cn, SH, now);
    expect(computeLight({ ...base, acceptedAt: sh('2025-01-01T00:00:00') }, quiet, now)).toBe('green');
  });
});

describe('isOverdue and daysOverdue', () => {
  const due = sh('2026-06-30T23:59:59.999');
  const DAY = 86_400_000;

  it.each<[string, Partial<LightInput>, Date, boolean, number]>([
    ['no deadline', { dueAt: null }, ms(due, DAY), false, 0],
    ['before the deadline', {}, ms(due, -1), false, 0],
    ['at the deadline', {}, due, false, 0],
    ['a millisecond late', {}, ms(due, 1), true, 1],
    ['exactly one day late', {}, ms(due, DAY), true, 1],
    ['one day and a millisecond late', {}, ms(due, DAY + 1), true, 2],
    ['ten days late', {}, ms(due, 10 * DAY), true, 10],
    ['closed after the deadline', { status: 'closed' }, ms(due, 5 * DAY), false, 0],
    ['cancelled after the deadline', { status: 'cancelled' }, ms(due, 5 * DAY), false, 0],
    ['registered and late', { status: 'registered' }, ms(due, 1), true, 1],
  ])('%s', (_label, change, now, overdue, days) => {
    const r = { status: 'in_progress' as const, dueAt: due, ...change };
    expect([isOverdue(r, now), daysOverdue(r, now)]).toEqual([overdue, days]);
  });
});
