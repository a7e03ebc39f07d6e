import { CHANNEL_KINDS } from '../../councils/channel-kinds';
import type { NotificationPreferences } from '../../people/person.entity';
import { NOTIFICATION_KINDS } from '../notification.entity';
import {
  endOfQuietHours,
  maskEmail,
  nextLocalTime,
  planDeliveries,
  type ChannelFacts,
  type PlanInput,
  type RecipientFacts,
  type WrittenNotification,
} from './delivery-planner';

const ZONE = 'Asia/Shanghai';
/** As a new person starts (people/person.entity.ts): the inbox only. */
const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: { inApp: true, email: false, dingtalk: false, wecom: false, feishu: false, webhook: false },
};
const at = (local: string) => new Date(`${local}+08:00`);

function person(id: string, prefs: Partial<NotificationPreferences> = {}, email: string | null = `${id}@example.cn`): RecipientFacts {
  return {
    id,
    email,
    preferences: {
      ...DEFAULT_PREFERENCES,
      ...prefs,
      channels: { ...DEFAULT_PREFERENCES.channels, email: true, dingtalk: true, ...prefs.channels },
    },
  };
}

function notice(personId: string, extra: Partial<WrittenNotification> = {}): WrittenNotification {
  return { id: `n-${personId}`, personId, sourceKey: 'action:1', kind: 'overdue', councilId: 'c1', resolutionId: 'r1', level: 1, ...extra };
}

const robot: ChannelFacts = {
  id: 'ch1',
  councilId: 'c1',
  type: 'dingtalk',
  url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
  kinds: ['overdue', 'escalated', 'urged', 'bulletin'],
  minLevel: 0,
  enabled: true,
};

function plan(over: Partial<PlanInput>) {
  return planDeliveries({
    notifications: [],
    people: new Map(),
    channels: [],
    councils: new Map([['c1', { timezone: ZONE, quietHours: { start: '21:00', end: '08:00' } }]]),
    emailConfigured: true,
    now: at('2026-03-02T10:00:00'),
    maskTarget: () => 'https://oapi.dingtalk.com/robot/send?…',
    ...over,
  });
}

describe('planDeliveries', () => {
  it('makes one group message per cause and channel, naming every recipient who lets the robot mention them', () => {
    const people = new Map([
      ['a', person('a')],
      ['b', person('b')],
      ['c', person('c', { channels: { ...DEFAULT_PREFERENCES.channels, email: true, dingtalk: false } })],
    ]);
    const rows = plan({ notifications: ['a', 'b', 'c'].map((p) => notice(p, { kind: 'escalated', level: 2 })), people, channels: [robot] });
    const group = rows.filter((r) => r.channel === 'dingtalk');
    expect(group).toHaveLength(1);
    expect(group[0]).toMatchObject({
      cause: 'action:1',
      targetKey: 'channel:ch1',
      mentionIds: ['a', 'b'],
      status: 'pending',
      notificationId: 'n-a',
    });
    expect(rows.filter((r) => r.channel === 'email').map((r) => r.targetKey)).toEqual(['person:a', 'person:b', 'person:c']);
  });

  it.each([
    ['a kind the channel does not want', { kinds: ['bulletin'] }, 0],
    ['a level under the minimum', { minLevel: 2 }, 0],
    ['a disabled channel leaves a skipped row that says why', { enabled: false }, 1],
  ])('%s', (_name, change, count) => {
    const rows = plan({ notifications: [notice('a')], people: new Map([['a', person('a')]]), channels: [{ ...robot, ...change }] });
    const group = rows.filter((r) => r.channel === 'dingtalk');
    expect(group).toHaveLength(count);
    if (count) expect(group[0]).toMatchObject({ status: 'skipped', lastError: 'channel off' });
  });

  it('skips e-mail with a reason when it is not configured or the person has no address; writes nothing when e-mail is off', () => {
    const people = new Map([
      ['a', person('a')],
      ['b', person('b', {}, null)],
      ['c', person('c', { channels: { ...DEFAULT_PREFERENCES.channels, email: false } })],
    ]);
    const notifications = ['a', 'b', 'c'].map((p) => notice(p));
    expect(plan({ notifications, people, emailConfigured: false }).map((r) => [r.recipientId, r.status, r.lastError])).toEqual([
      ['a', 'skipped', 'e-mail not configured (SMTP_URL unset)'],
      ['b', 'skipped', 'e-mail not configured (SMTP_URL unset)'],
    ]);
    expect(plan({ notifications, people }).map((r) => [r.recipientId, r.status, r.lastError])).toEqual([
      ['a', 'pending', null],
      ['b', 'skipped', 'no e-mail address'],
    ]);
  });

  it.each([
    ['outside quiet hours: now', '2026-03-02T10:00:00', {}, 'overdue', 1, '2026-03-02T10:00:00'],
    ["in the council's quiet hours: their end", '2026-03-02T22:30:00', {}, 'overdue', 1, '2026-03-03T08:00:00'],
    ['after midnight, still quiet: the same morning', '2026-03-03T02:00:00', {}, 'overdue', 1, '2026-03-03T08:00:00'],
    [
      'own quiet hours win over the council',
      '2026-03-02T19:30:00',
      { quietHours: { start: '19:00', end: '07:00' } },
      'overdue',
      1,
      '2026-03-03T07:00:00',
    ],
    ['own quiet hours off (null)', '2026-03-02T22:30:00', { quietHours: null }, 'overdue', 1, '2026-03-02T22:30:00'],
    ['level 3 comes through', '2026-03-02T22:30:00', {}, 'escalated', 3, '2026-03-02T22:30:00'],
    ['an urge comes through', '2026-03-02T22:30:00', {}, 'urged', null, '2026-03-02T22:30:00'],
    ['unless urgentBypass is off', '2026-03-02T22:30:00', { urgentBypass: false }, 'urged', null, '2026-03-03T08:00:00'],
    ['a digest kind waits for the digest', '2026-03-02T10:00:00', { digest: { at: '17:30' } }, 'assigned', null, '2026-03-02T17:30:00'],
    ['a digest time already passed: tomorrow', '2026-03-02T18:00:00', { digest: { at: '17:30' } }, 'due_soon', null, '2026-03-03T17:30:00'],
    ['an urgent kind skips the digest', '2026-03-02T10:00:00', { digest: { at: '17:30' } }, 'overdue', 1, '2026-03-02T10:00:00'],
  ] as const)('e-mail timing: %s', (_name, now, prefs, kind, level, expected) => {
    const [row] = plan({
      now: at(now),
      notifications: [notice('a', { kind, level })],
      people: new Map([['a', person('a', prefs)]]),
    });
    expect(row.nextAttemptAt).toEqual(at(expected));
    expect(row.digest).toBe(!!(prefs as { digest?: unknown }).digest && kind !== 'overdue');
  });
});

describe('time helpers', () => {
  it('endOfQuietHours leaves an instant outside them unchanged', () => {
    expect(endOfQuietHours(at('2026-03-02T12:00:00'), { start: '21:00', end: '08:00' }, ZONE)).toEqual(at('2026-03-02T12:00:00'));
  });
  it('nextLocalTime answers the same instant when it is exactly that time', () => {
    expect(nextLocalTime(at('2026-03-02T08:30:00'), '08:30', ZONE)).toEqual(at('2026-03-02T08:30:00'));
  });
  it('masks an address enough to recognise, not to harvest', () => {
    expect(maskEmail('zhang.san@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(maskEmail('nonsense')).toBe('***');
  });
});

describe('channel kinds', () => {
  it('councils offer exactly the notification kinds (the list is written twice to keep folders acyclic)', () => {
    expect([...CHANNEL_KINDS]).toEqual([...NOTIFICATION_KINDS]);
  });
});
