import {
  DEFAULT_ASSESSMENT,
  DEFAULT_POLICY,
  isNegativeOffset,
  resolvePolicy,
  supervisionPolicy,
  validatePolicy,
  type CouncilPolicy,
} from './policy';

const fieldsOf = (input: unknown) => {
  const result = validatePolicy(input);
  return result.ok ? [] : result.issues.map((i) => i.field);
};

describe('validatePolicy', () => {
  it.each<[string, unknown]>([
    ['an empty policy (everything from the defaults)', {}],
    ['the defaults of DESIGN.md', DEFAULT_POLICY],
    ['quiet hours off', { quietHours: null }],
    [
      'durations and working days mixed',
      { warningWindow: 'P2D', beforeDue: ['-PT2H', '-1wd'], acceptance: { within: 'PT4H', remindEvery: '1wd' } },
    ],
    [
      'a per-priority override',
      {
        warningWindow: '5wd',
        overrides: { urgent: { warningWindow: '1wd', escalation: [{ after: 'PT0S', level: 1, notify: ['chair'] }] } },
      },
    ],
    ['no progress reports, no stagnation, no bulletin', { progressReport: null, stagnation: null, bulletin: null }],
    ['maxExtensions 0', { maxExtensions: 0 }],
    ['a board that ranks units only', { board: { rankPeople: false } }],
    [
      'a full assessment policy',
      {
        assessment: {
          mode: 'deduction',
          weights: { onTime: 1, overdue: 0, reports: 0, checks: 0 },
          overdueDaysCap: 10,
          deductions: { missedReport: 0.5, overdueLead: 3, overdueCo: 1, unsatisfactoryCheck: 0 },
        },
      },
    ],
    ['weights partly zero (the rest keep their defaults)', { assessment: { weights: { onTime: 0, checks: 0 } } }],
  ])('accepts %s', (_label, input) => {
    expect(validatePolicy(input)).toEqual({ ok: true, policy: input });
  });

  it.each<[string, unknown, string]>([
    ['not an object: an array', [], 'policy'],
    ['not an object: a string', 'strict', 'policy'],
    ['not an object: null', null, 'policy'],
    ['a word for an offset', { warningWindow: 'soon' }, 'policy.warningWindow'],
    ['a negative warning window', { warningWindow: '-1wd' }, 'policy.warningWindow'],
    ['a negative duration written inside', { warningWindow: 'P-1D' }, 'policy.warningWindow'],
    ['an empty duration', { stagnation: 'PT' }, 'policy.stagnation'],
    ['a number for an offset', { stagnation: 10 }, 'policy.stagnation'],
    ['an unknown calendar', { calendar: 'jp' }, 'policy.calendar'],
    ['quiet hours at 24:00', { quietHours: { start: '24:00', end: '08:00' } }, 'policy.quietHours.start'],
    ['quiet hours without an end', { quietHours: { start: '21:00' } }, 'policy.quietHours.end'],
    ['an unknown key in quiet hours', { quietHours: { start: '21:00', end: '08:00', zone: 'UTC' } }, 'policy.quietHours.zone'],
    ['acceptance without a repeat', { acceptance: { within: '1wd' } }, 'policy.acceptance.remindEvery'],
    ['a negative acceptance window', { acceptance: { within: '-1wd', remindEvery: '1wd' } }, 'policy.acceptance.within'],
    ['before-due not a list', { beforeDue: '-1wd' }, 'policy.beforeDue'],
    ['a bad before-due entry', { beforeDue: ['-1wd', 'yesterday'] }, 'policy.beforeDue.1'],
    ['eleven before-due reminders', { beforeDue: Array.from({ length: 11 }, () => '-1wd') }, 'policy.beforeDue'],
    ['escalation level 0', { escalation: [{ after: 'PT0S', level: 0, notify: ['owner'] }] }, 'policy.escalation.0.level'],
    ['escalation level 4', { escalation: [{ after: 'PT0S', level: 4, notify: ['owner'] }] }, 'policy.escalation.0.level'],
    ['escalation to nobody', { escalation: [{ after: 'PT0S', level: 1, notify: [] }] }, 'policy.escalation.0.notify'],
    [
      'escalation to an unknown role',
      { escalation: [{ after: 'PT0S', level: 1, notify: ['owner', 'mayor'] }] },
      'policy.escalation.0.notify.1',
    ],
    ['escalation before the deadline', { escalation: [{ after: '-1wd', level: 1, notify: ['owner'] }] }, 'policy.escalation.0.after'],
    [
      'an unknown key in a step',
      { escalation: [{ after: 'PT0S', level: 1, notify: ['owner'], channel: 'sms' }] },
      'policy.escalation.0.channel',
    ],
    [
      'levels that do not rise',
      {
        escalation: [
          { after: 'PT0S', level: 2, notify: ['owner'] },
          { after: '3wd', level: 2, notify: ['chair'] },
        ],
      },
      'policy.escalation',
    ],
    [
      'four escalation steps',
      { escalation: [1, 2, 3, 3].map((level) => ({ after: 'PT0S', level, notify: ['owner'] })) },
      'policy.escalation',
    ],
    ['a cron with four fields', { progressReport: { cron: '0 17 * *', grace: '1wd' } }, 'policy.progressReport.cron'],
    ['a cron with six fields', { progressReport: { cron: '0 0 17 * * 5', grace: '1wd' } }, 'policy.progressReport.cron'],
    ['a cron in prose', { bulletin: { cron: 'every friday' } }, 'policy.bulletin.cron'],
    ['maxExtensions 11', { maxExtensions: 11 }, 'policy.maxExtensions'],
    ['maxExtensions -1', { maxExtensions: -1 }, 'policy.maxExtensions'],
    ['maxExtensions 1.5', { maxExtensions: 1.5 }, 'policy.maxExtensions'],
    ['maxExtensions "2"', { maxExtensions: '2' }, 'policy.maxExtensions'],
    ['an unknown top-level key', { reminderEmoji: '⏰' }, 'policy.reminderEmoji'],
    ['an unknown priority', { overrides: { critical: {} } }, 'policy.overrides.critical'],
    ['a bad value in an override', { overrides: { high: { warningWindow: 'x' } } }, 'policy.overrides.high.warningWindow'],
    ['overrides inside an override', { overrides: { urgent: { overrides: {} } } }, 'policy.overrides.urgent.overrides'],
    ['rankPeople as text', { board: { rankPeople: 'no' } }, 'policy.board.rankPeople'],
    ['a board key per priority', { overrides: { urgent: { board: { rankPeople: false } } } }, 'policy.overrides.urgent.board'],
    ['an unknown assessment mode', { assessment: { mode: 'ranking' } }, 'policy.assessment.mode'],
    ['a negative weight', { assessment: { weights: { overdue: -0.2 } } }, 'policy.assessment.weights.overdue'],
    [
      'weights that all end at 0',
      { assessment: { weights: { onTime: 0, overdue: 0, reports: 0, checks: 0 } } },
      'policy.assessment.weights',
    ],
    ['an unknown weight', { assessment: { weights: { speed: 1 } } }, 'policy.assessment.weights.speed'],
    ['a cap of 0 days', { assessment: { overdueDaysCap: 0 } }, 'policy.assessment.overdueDaysCap'],
    ['negative deduction points', { assessment: { deductions: { missedReport: -1 } } }, 'policy.assessment.deductions.missedReport'],
  ])('refuses %s, naming %s', (_label, input, field) => {
    expect(fieldsOf(input)).toEqual([field]);
  });

  it('names every unknown key and every bad field at once', () => {
    expect(fieldsOf({ colour: 'red', size: 2, warningWindow: 'soon' }).sort()).toEqual([
      'policy.colour',
      'policy.size',
      'policy.warningWindow',
    ]);
  });

  it('says what is wrong in words', () => {
    const result = validatePolicy({ progressReport: { cron: 'every friday', grace: '1wd' }, colour: 'red' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { field: 'policy.progressReport.cron', message: 'must be a five-field cron expression' },
        { field: 'policy.colour', message: 'is not a policy key' },
      ]);
    }
  });
});

describe('resolvePolicy: the priority override, then the council, then the defaults, key by key', () => {
  const council: CouncilPolicy = {
    warningWindow: '5wd',
    quietHours: { start: '22:00', end: '07:00' },
    maxExtensions: 1,
    overrides: { urgent: { warningWindow: '1wd', quietHours: null, beforeDue: ['-PT4H'] }, high: { maxExtensions: 3 } },
  };

  it.each<[string, CouncilPolicy | null | undefined, string, string | undefined, Partial<typeof DEFAULT_POLICY>]>([
    ['no policy at all', null, 'normal', undefined, DEFAULT_POLICY],
    ['undefined policy', undefined, 'urgent', undefined, DEFAULT_POLICY],
    ['the council column names the calendar when the policy does not', {}, 'normal', 'weekdays', { calendar: 'weekdays' }],
    ['the policy calendar wins over the column', { calendar: 'all' }, 'normal', 'weekdays', { calendar: 'all' }],
    [
      'normal: the council value, defaults elsewhere',
      council,
      'normal',
      undefined,
      { warningWindow: '5wd', quietHours: { start: '22:00', end: '07:00' }, maxExtensions: 1, beforeDue: DEFAULT_POLICY.beforeDue },
    ],
    [
      'urgent: the override first, null included',
      council,
      'urgent',
      undefined,
      { warningWindow: '1wd', quietHours: null, beforeDue: ['-PT4H'], maxExtensions: 1 },
    ],
    [
      'high: only what it overrides',
      council,
      'high',
      undefined,
      { warningWindow: '5wd', maxExtensions: 3, quietHours: { start: '22:00', end: '07:00' } },
    ],
    ['an unknown priority gets the council policy', council, 'critical', undefined, { warningWindow: '5wd', maxExtensions: 1 }],
    [
      'an override may set a calendar of its own',
      { overrides: { urgent: { calendar: 'all' } } },
      'urgent',
      'weekdays',
      { calendar: 'all' },
    ],
  ])('%s', (_label, policy, priority, calendar, expected) => {
    const effective = resolvePolicy(policy, priority, calendar as 'weekdays' | undefined);
    expect(effective).toMatchObject(expected);
    expect(Object.keys(effective).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
  });

  it('keys the council leaves undefined fall back to the defaults', () => {
    expect(resolvePolicy({ warningWindow: undefined, stagnation: null }, 'normal')).toMatchObject({
      warningWindow: DEFAULT_POLICY.warningWindow,
      stagnation: null,
    });
  });
});

describe('isNegativeOffset', () => {
  it.each<[string, boolean]>([
    ['-1wd', true],
    ['-P1D', true],
    ['1wd', false],
    ['PT0S', false],
    ['0wd', false],
    ['soon', false],
  ])('%s → %s', (text, expected) => {
    expect(isNegativeOffset(text)).toBe(expected);
  });
});

describe('supervisionPolicy: the board and assessment keys over the defaults', () => {
  it('ranks people and uses DESIGN.md weights when the council says nothing', () => {
    expect(supervisionPolicy({})).toEqual({ rankPeople: true, assessment: DEFAULT_ASSESSMENT });
  });

  it('takes each given key and keeps the defaults for the rest', () => {
    expect(
      supervisionPolicy({ board: { rankPeople: false }, assessment: { weights: { checks: 0 }, deductions: { overdueLead: 5 } } }),
    ).toEqual({
      rankPeople: false,
      assessment: {
        mode: 'weighted',
        weights: { onTime: 0.4, overdue: 0.2, reports: 0.2, checks: 0 },
        overdueDaysCap: 30,
        deductions: { missedReport: 1, overdueLead: 5, overdueCo: 1, unsatisfactoryCheck: 2 },
      },
    });
  });

  it('never leaks into the per-priority policy the reminder engine reads', () => {
    expect(resolvePolicy({ board: { rankPeople: false }, assessment: { mode: 'deduction' } }, 'normal')).toEqual(DEFAULT_POLICY);
  });
});
