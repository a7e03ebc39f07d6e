/** A reminder policy in seconds, so the engine's whole life fits in a test. */
export const FAST_POLICY = {
  calendar: 'all',
  quietHours: null,
  warningWindow: 'PT1S',
  acceptance: { within: 'PT2S', remindEvery: 'PT2S' },
  beforeDue: ['-PT2S'],
  escalation: [
    { after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] },
    { after: 'PT2S', level: 2, notify: ['owner', 'supervisors'] },
    { after: 'PT4S', level: 3, notify: ['chair'] },
  ],
  progressReport: null,
  stagnation: null,
};
