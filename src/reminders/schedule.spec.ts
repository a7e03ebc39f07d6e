import { WorkingCalendar } from '../calendars/working-calendar';
import { DEFAULT_POLICY, resolvePolicy, type EffectivePolicy } from '../councils/policy';
import { planActions, type ScheduleSubject } from './schedule';

// The official calendar as published (State Council notices for 2025 and 2026), from the data package.
const published = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const cn = new WorkingCalendar(
  'cn',
  new Map([
    ...Object.keys(published.holidays).map((d): [string, boolean] => [d, false]),
    ...Object.keys(published.workdays).map((d): [string, boolean] => [d, true]),
  ]),
);
const SH = 'Asia/Shanghai';

/** An instant written in Shanghai local time. */
const sh = (local: string) => new Date(`${local}+08:00`);
/** The end of a Shanghai day, as a date-only deadline means. */
const endOf = (date: string) => sh(`${date}T23:59:59.999`);

function subject(overrides: Partial<ScheduleSubject>): ScheduleSubject {
  return {
    status: 'in_progress',
    dueAt: null,
    assignedAt: sh('2026-09-01T09:00:00'),
    acceptedAt: sh('2026-09-01T10:00:00'),
    lastProgressAt: null,
    lastReportCycleAt: null,
    ...overrides,
  };
}

const NO_REPORTS: Partial<EffectivePolicy> = { progressReport: null, stagnation: null };

function plan(s: Partial<ScheduleSubject>, policy: Partial<EffectivePolicy> = {}, calendar = cn, zone = SH, done: string[] = []) {
  return planActions({
    subject: subject(s),
    policy: { ...DEFAULT_POLICY, ...NO_REPORTS, ...policy },
    calendar,
    zone,
    done: new Set(done),
  }).map((a) => ({
    kind: a.kind,
    level: a.level,
    nominalAt: a.nominalAt.toISOString(),
    fireAt: a.fireAt.toISOString(),
    recipients: a.recipients,
  }));
}

describe('planActions: reminders and escalations over the official calendar', () => {
  it('counts back working days across the 2026 National Day holiday and defers out of quiet hours', () => {
    // Due Friday 9 October 2026; 1–7 October are holidays.
    const actions = plan({ dueAt: endOf('2026-10-09') }, { escalation: [] });
    expect(actions).toEqual([
      // -3wd: 8 Oct (1), 30 Sep (2), 29 Sep (3), at 23:59 → quiet hours → 30 Sep 08:00.
      {
        kind: 'due_soon',
        level: null,
        nominalAt: endOf('2026-09-29').toISOString(),
        fireAt: sh('2026-09-30T08:00:00').toISOString(),
        recipients: ['owner'],
      },
      // -1wd: 8 Oct 23:59 → 9 Oct 08:00.
      {
        kind: 'due_soon',
        level: null,
        nominalAt: endOf('2026-10-08').toISOString(),
        fireAt: sh('2026-10-09T08:00:00').toISOString(),
        recipients: ['owner'],
      },
    ]);
  });

  it('escalates on working days: a make-up Saturday counts, the Sunday after does not', () => {
    const actions = plan({ dueAt: endOf('2026-09-30') });
    expect(actions.filter((a) => a.kind === 'escalation').map((a) => [a.level, a.nominalAt, a.fireAt])).toEqual([
      [1, endOf('2026-09-30').toISOString(), sh('2026-10-08T08:00:00').toISOString()],
      // +3wd: 8 Oct, 9 Oct, 10 Oct (make-up Saturday); fired on Monday 12 Oct morning (11 Oct is a Sunday).
      [2, endOf('2026-10-10').toISOString(), sh('2026-10-12T08:00:00').toISOString()],
      // +7wd: 8, 9, 10, 12, 13, 14, 15 Oct.
      [3, endOf('2026-10-15').toISOString(), sh('2026-10-16T08:00:00').toISOString()],
    ]);
    // The due-soon reminders come before them.
    expect(plan({ dueAt: endOf('2026-09-30') }).filter((a) => a.kind === 'due_soon')).toHaveLength(2);
  });

  it.each([
    ['2025 Spring Festival make-up Saturday 8 Feb is a working day', endOf('2025-02-07'), endOf('2025-02-08')],
    ['2025 make-up Sunday 26 Jan is a working day', sh('2025-01-24T12:00:00'), sh('2025-01-26T12:00:00')],
    ['2025 Spring Festival: 28 Jan – 4 Feb are holidays', sh('2025-01-27T12:00:00'), sh('2025-02-05T12:00:00')],
    ['2026 Mid-Autumn: 25–27 Sep are holidays', sh('2026-09-24T12:00:00'), sh('2026-09-28T12:00:00')],
  ])('+1wd escalation: %s', (_name, dueAt, expected) => {
    const [escalation] = plan({ dueAt }, { quietHours: null, beforeDue: [], escalation: [{ after: '1wd', level: 1, notify: ['owner'] }] });
    expect(escalation.nominalAt).toBe(expected.toISOString());
  });

  it.each([
    ['skips the Labour Day holiday 2026', sh('2026-05-06T12:00:00'), sh('2026-04-30T12:00:00')],
    ['counts the make-up Saturday 9 May 2026', sh('2026-05-11T12:00:00'), sh('2026-05-09T12:00:00')],
  ])('-1wd reminder: %s', (_name, dueAt, expected) => {
    const [reminder] = plan({ dueAt, assignedAt: sh('2026-01-05T09:00:00') }, { quietHours: null, beforeDue: ['-1wd'], escalation: [] });
    expect(reminder.nominalAt).toBe(expected.toISOString());
  });

  it('the weekdays calendar knows no holidays; the all calendar knows no weekends', () => {
    const weekdays = new WorkingCalendar('weekdays');
    const all = new WorkingCalendar('all');
    const step = [{ after: '1wd', level: 1, notify: ['owner' as const] }];
    expect(plan({ dueAt: sh('2026-09-30T12:00:00') }, { quietHours: null, beforeDue: [], escalation: step }, weekdays)[0].nominalAt).toBe(
      sh('2026-10-01T12:00:00').toISOString(),
    );
    expect(plan({ dueAt: sh('2026-10-02T12:00:00') }, { quietHours: null, beforeDue: [], escalation: step }, weekdays)[0].nominalAt).toBe(
      sh('2026-10-05T12:00:00').toISOString(),
    );
    expect(plan({ dueAt: sh('2026-10-02T12:00:00') }, { quietHours: null, beforeDue: [], escalation: step }, all)[0].nominalAt).toBe(
      sh('2026-10-03T12:00:00').toISOString(),
    );
  });

  it.each([
    ['inside quiet hours late in the evening → next working morning', '2026-03-04T22:30:00', '2026-03-05T08:00:00'],
    ['inside quiet hours before dawn → the same morning', '2026-03-05T07:59:00', '2026-03-05T08:00:00'],
    ['at the end of quiet hours → unchanged', '2026-03-05T08:00:00', '2026-03-05T08:00:00'],
    ['just before quiet hours → unchanged', '2026-03-05T20:59:00', '2026-03-05T20:59:00'],
    ['Friday night → Monday morning', '2026-03-06T21:00:00', '2026-03-09T08:00:00'],
    ['Friday night before a make-up Saturday → that Saturday', '2026-10-09T22:00:00', '2026-10-10T08:00:00'],
    ['night before the National Day holiday → the first working day after it', '2026-09-30T23:00:00', '2026-10-08T08:00:00'],
  ])('quiet hours: %s', (_name, local, expected) => {
    const [action] = plan({ dueAt: sh(local) }, { beforeDue: [], escalation: [{ after: 'PT0S', level: 1, notify: ['owner'] }] });
    expect(action.fireAt).toBe(sh(expected).toISOString());
  });

  it('reads local times in the council zone: the same policy in UTC fires at other instants', () => {
    const dueAt = new Date('2026-03-04T22:30:00Z'); // 06:30 on the 5th in Shanghai, 22:30 on the 4th in UTC
    const step = { beforeDue: [], escalation: [{ after: 'PT0S', level: 1, notify: ['owner' as const] }] };
    expect(plan({ dueAt }, step, cn, SH)[0].fireAt).toBe(sh('2026-03-05T08:00:00').toISOString());
    expect(plan({ dueAt }, step, cn, 'UTC')[0].fireAt).toBe('2026-03-05T08:00:00.000Z');
  });

  it('repeats the acceptance reminder: the next occurrence after each one carried out', () => {
    const assignedAt = sh('2026-03-02T10:00:00'); // Monday
    const first = plan({ status: 'assigned', assignedAt, acceptedAt: null, dueAt: endOf('2026-06-30') }).filter(
      (a) => a.kind === 'acceptance_overdue',
    );
    expect(first).toEqual([expect.objectContaining({ nominalAt: sh('2026-03-03T10:00:00').toISOString(), recipients: ['owner'] })]);
    const key0 = `acceptance_overdue|${assignedAt.toISOString()}#0`;
    const second = plan({ status: 'assigned', assignedAt, acceptedAt: null, dueAt: endOf('2026-06-30') }, {}, cn, SH, [key0]).filter(
      (a) => a.kind === 'acceptance_overdue',
    );
    expect(second).toEqual([expect.objectContaining({ nominalAt: sh('2026-03-04T10:00:00').toISOString() })]);
  });

  it('plans nothing for registered, completion-requested, closed and cancelled items', () => {
    for (const status of ['registered', 'completion_requested', 'closed', 'cancelled'] as const) {
      expect(plan({ status, dueAt: endOf('2026-10-09') }, { progressReport: DEFAULT_POLICY.progressReport, stagnation: '10wd' })).toEqual(
        [],
      );
    }
  });

  it('does not send late a before-due reminder whose moment passed before the item was assigned', () => {
    const actions = plan({ dueAt: endOf('2026-03-06'), assignedAt: sh('2026-03-05T09:00:00') }, { escalation: [] });
    // -3wd (3 Mar) passed before assignment; -1wd (5 Mar 23:59) is after it.
    expect(actions.map((a) => a.nominalAt)).toEqual([endOf('2026-03-05').toISOString()]);
  });

  it('never plans again an action already carried out (same key)', () => {
    const all = planActions({
      subject: subject({ dueAt: endOf('2026-10-09') }),
      policy: { ...DEFAULT_POLICY, ...NO_REPORTS },
      calendar: cn,
      zone: SH,
      done: new Set(),
    });
    const again = planActions({
      subject: subject({ dueAt: endOf('2026-10-09') }),
      policy: { ...DEFAULT_POLICY, ...NO_REPORTS },
      calendar: cn,
      zone: SH,
      done: new Set([all[0].key]),
    });
    expect(again.map((a) => a.key)).toEqual(all.slice(1).map((a) => a.key));
  });

  it('moves every deadline-based action with the deadline (an extension gives new keys)', () => {
    const before = planActions({
      subject: subject({ dueAt: endOf('2026-10-09') }),
      policy: { ...DEFAULT_POLICY, ...NO_REPORTS },
      calendar: cn,
      zone: SH,
      done: new Set(),
    });
    const after = planActions({
      subject: subject({ dueAt: endOf('2026-10-30') }),
      policy: { ...DEFAULT_POLICY, ...NO_REPORTS },
      calendar: cn,
      zone: SH,
      done: new Set(before.map((a) => a.key)),
    });
    expect(after).toHaveLength(before.length);
    expect(after.every((a) => a.nominalAt.getTime() > endOf('2026-10-09').getTime() - 10 * 86_400_000)).toBe(true);
  });

  it('plans the progress-report cycle off holidays, with its grace check, and stagnation from the last report', () => {
    // Accepted Monday 21 Sep 2026; the Friday cycle (25 Sep) is the Mid-Autumn holiday → Monday 28 Sep 17:00.
    const actions = plan(
      { acceptedAt: sh('2026-09-21T10:00:00'), lastProgressAt: sh('2026-09-22T10:00:00'), dueAt: null },
      { progressReport: { cron: '0 17 * * 5', grace: '1wd' }, stagnation: '10wd' },
    );
    expect(actions).toEqual([
      expect.objectContaining({ kind: 'progress_report_due', nominalAt: sh('2026-09-28T17:00:00').toISOString(), recipients: ['owner'] }),
      expect.objectContaining({
        kind: 'progress_report_missed',
        nominalAt: sh('2026-09-29T17:00:00').toISOString(),
        recipients: ['owner', 'leadLeader'],
      }),
      // 10 working days after 22 Sep: 23, 24, 28, 29, 30 Sep, 8, 9, 10 (make-up Sat), 12, 13 Oct.
      expect.objectContaining({
        kind: 'stagnant',
        nominalAt: sh('2026-10-13T10:00:00').toISOString(),
        recipients: ['owner', 'leadLeader'],
      }),
    ]);
  });

  it('follows the per-priority override, and a policy change yields a different plan', () => {
    const policy = resolvePolicy(
      { beforeDue: ['-2wd'], overrides: { urgent: { beforeDue: ['-P1D', '-PT2H'], quietHours: null } } },
      'urgent',
    );
    const urgent = planActions({
      subject: subject({ dueAt: sh('2026-03-06T18:00:00'), assignedAt: sh('2026-03-01T09:00:00') }),
      policy: { ...policy, ...NO_REPORTS, escalation: [] },
      calendar: cn,
      zone: SH,
      done: new Set(),
    });
    expect(urgent.map((a) => a.nominalAt.toISOString())).toEqual([
      sh('2026-03-05T18:00:00').toISOString(),
      sh('2026-03-06T16:00:00').toISOString(),
    ]);
    const normal = resolvePolicy({ beforeDue: ['-2wd'], overrides: { urgent: { beforeDue: ['-P1D'] } } }, 'normal');
    const plain = planActions({
      subject: subject({ dueAt: sh('2026-03-06T18:00:00'), assignedAt: sh('2026-03-01T09:00:00') }),
      policy: { ...normal, ...NO_REPORTS, escalation: [] },
      calendar: cn,
      zone: SH,
      done: new Set(),
    });
    expect(plain.map((a) => a.nominalAt.toISOString())).toEqual([sh('2026-03-04T18:00:00').toISOString()]);
  });
});
