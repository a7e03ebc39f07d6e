import { describe, expect, it } from 'vitest';
import { emptyForm, formFromPolicy, issuesByField, policyFromForm } from './policy-form';

describe('policy form', () => {
  it('round-trips a stored policy; untouched keys stay out (defaults apply)', () => {
    const stored = {
      calendar: 'weekdays',
      quietHours: null,
      beforeDue: ['-3wd', '-1wd'],
      escalation: [{ after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] }],
      maxExtensions: 2,
      board: { rankPeople: false },
      assessment: { weights: { onTime: 0.5 } },
      overrides: { urgent: { warningWindow: '1wd' } },
    };
    const form = formFromPolicy(stored);
    expect(form.off.quietHours).toBe(true);
    expect(form.values['beforeDue']).toBe('-3wd, -1wd');
    expect(form.values['escalation.0.notify']).toEqual(['owner', 'leadLeader']);
    expect(form.values['warningWindow']).toBe('');
    expect(policyFromForm(form)).toEqual({ ok: true, policy: stored });
  });

  it('sends what was typed, numbers as numbers, text that is not a number as text for the server to name', () => {
    const form = emptyForm();
    form.values['maxExtensions'] = 'two';
    form.values['assessment.overdueDaysCap'] = '30';
    form.values['beforeDue'] = '-3wd，-1wd';
    const result = policyFromForm(form);
    expect(result).toEqual({ ok: true, policy: { maxExtensions: 'two', assessment: { overdueDaysCap: 30 }, beforeDue: ['-3wd', '-1wd'] } });
  });

  it('one field of a group changed: the rest of the group keeps its defaults', () => {
    const form = emptyForm();
    form.values['quietHours.start'] = '22:00';
    form.values['escalation.1.after'] = '5wd';
    expect(policyFromForm(form)).toEqual({
      ok: true,
      policy: {
        quietHours: { start: '22:00', end: '08:00' },
        escalation: [
          { after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] },
          { after: '5wd', level: 2, notify: ['owner', 'leadLeader', 'supervisors'] },
          { after: '7wd', level: 3, notify: ['chair', 'supervisors'] },
        ],
      },
    });
  });

  it("over the council's own steps, clearing the last step removes it", () => {
    const form = formFromPolicy({
      escalation: [
        { after: 'PT0S', level: 1, notify: ['owner'] },
        { after: '3wd', level: 2, notify: ['chair'] },
      ],
    });
    form.values['escalation.1.after'] = '';
    form.values['escalation.1.level'] = '';
    form.values['escalation.1.notify'] = [];
    expect(policyFromForm(form)).toEqual({ ok: true, policy: { escalation: [{ after: 'PT0S', level: 1, notify: ['owner'] }] } });
  });

  it('overrides that are not JSON are refused on the client, naming the field', () => {
    const form = emptyForm();
    form.values['overrides'] = '{ urgent: ';
    expect(policyFromForm(form)).toEqual({ ok: false, field: 'overrides', message: 'JSON' });
  });

  it('maps the server field errors to the fields that show them', () => {
    const { byField, other } = issuesByField([
      { field: 'policy.quietHours.start', message: 'must be a time HH:MM' },
      { field: 'policy.escalation', message: 'levels must rise step by step' },
      { field: 'policy.escalation.1.level', message: 'too big' },
      { field: 'policy.assessment.weights', message: 'must not all be 0' },
      { field: 'policy.overrides.high.calendar', message: 'invalid option' },
      { field: 'policy.nonsense', message: 'is not a policy key' },
    ]);
    expect(byField).toEqual({
      'quietHours.start': ['must be a time HH:MM'],
      'escalation.0.after': ['levels must rise step by step'],
      'escalation.1.level': ['too big'],
      'assessment.weights.onTime': ['must not all be 0'],
      overrides: ['invalid option'],
    });
    expect(other).toEqual(['policy.nonsense: is not a policy key']);
  });
});

describe('policy messages', () => {
  it("are put in the person's words when known, else shown as written", async () => {
    const { describePolicyIssue } = await import('./policy-form');
    const t = (key: string) => key;
    expect(describePolicyIssue('must be a time HH:MM', t)).toBe('admin.policy.messages.clockTime');
    expect(describePolicyIssue('Invalid input: expected string, received undefined', t)).toBe('admin.policy.messages.missing');
    expect(describePolicyIssue('must be an ISO-8601 duration (P3D, PT2H, -P1D) or working days (3wd, -1wd)', t)).toBe(
      'admin.policy.messages.offset',
    );
    expect(describePolicyIssue('Too big: expected number to be <=3', t)).toBe('Too big: expected number to be <=3');
  });
});
