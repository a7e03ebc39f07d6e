import { effectOf, type EffectSubject } from './action-effects';

const subject = (over: Partial<EffectSubject> = {}): EffectSubject => ({
  dueAt: new Date('2026-03-06T15:59:59.999Z'),
  escalationLevel: 0,
  lastProgressAt: null,
  missedReports: 0,
  ...over,
});
const before = new Date('2026-03-05T00:00:00Z');
const after = new Date('2026-03-07T00:00:00Z');
const cycle = '2026-03-06T09:00:00.000Z';
const previous = new Date('2026-02-27T09:00:00.000Z');

describe('effectOf: what carrying out an action does', () => {
  it.each([
    [
      'acceptance reminder',
      { kind: 'acceptance_overdue', level: null, recipients: ['owner'], key: 'k' },
      subject(),
      { notify: { kind: 'acceptance_overdue', roles: ['owner'], level: null } },
    ],
    [
      'due soon, on time',
      { kind: 'due_soon', level: null, recipients: ['owner'], key: 'k' },
      subject(),
      { notify: { kind: 'due_soon', roles: ['owner'], level: null } },
    ],
    [
      'stagnation',
      { kind: 'stagnant', level: null, recipients: ['owner', 'leadLeader'], key: 'k' },
      subject(),
      { notify: { kind: 'stagnant', roles: ['owner', 'leadLeader'], level: null } },
    ],
    [
      'level 1 is "overdue" and raises the level',
      { kind: 'escalation', level: 1, recipients: ['owner'], key: 'k' },
      subject(),
      { notify: { kind: 'overdue', roles: ['owner'], level: 1 }, escalateTo: 1 },
    ],
    [
      'level 2 is "escalated"',
      { kind: 'escalation', level: 2, recipients: ['supervisors'], key: 'k' },
      subject({ escalationLevel: 1 }),
      { notify: { kind: 'escalated', roles: ['supervisors'], level: 2 }, escalateTo: 2 },
    ],
    [
      'the level never goes down',
      { kind: 'escalation', level: 1, recipients: ['owner'], key: 'k' },
      subject({ escalationLevel: 3 }),
      { notify: { kind: 'overdue', roles: ['owner'], level: 1 }, escalateTo: 3 },
    ],
  ] as const)('%s', (_name, action, r, expected) => {
    expect(effectOf({ ...action, recipients: [...action.recipients] }, r, null, before)).toEqual(expected);
  });

  it('a due-soon reminder carried out after the deadline says nothing', () => {
    expect(effectOf({ kind: 'due_soon', level: null, recipients: ['owner'], key: 'k' }, subject(), null, after)).toEqual({ notify: null });
  });

  it('a report cycle with a report in its window is settled quietly; without one it is missed, and the second miss reaches the supervisors', () => {
    const action = {
      kind: 'progress_report_missed' as const,
      level: null,
      recipients: ['owner' as const, 'leadLeader' as const],
      key: `progress_report_missed|${cycle}`,
    };
    expect(effectOf(action, subject({ lastProgressAt: new Date('2026-03-02T00:00:00Z') }), previous, after)).toEqual({
      notify: null,
      reportSettled: { cycle: new Date(cycle) },
    });
    expect(effectOf(action, subject({ lastProgressAt: new Date('2026-02-20T00:00:00Z') }), previous, after)).toEqual({
      notify: { kind: 'progress_report_missed', roles: ['owner', 'leadLeader'], level: 1 },
      reportMissed: { cycle: new Date(cycle) },
    });
    expect(effectOf(action, subject({ missedReports: 1 }), previous, after).notify).toEqual({
      kind: 'progress_report_missed',
      roles: ['owner', 'leadLeader', 'supervisors'],
      level: 2,
    });
  });

  it('the report reminder is skipped when the report already came', () => {
    const action = {
      kind: 'progress_report_due' as const,
      level: null,
      recipients: ['owner' as const],
      key: `progress_report_due|${cycle}`,
    };
    expect(effectOf(action, subject({ lastProgressAt: new Date('2026-03-03T00:00:00Z') }), previous, before).notify).toBeNull();
    expect(effectOf(action, subject(), previous, before).notify).toEqual({ kind: 'progress_report_due', roles: ['owner'], level: null });
  });
});
