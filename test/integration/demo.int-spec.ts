import { DateTime } from 'luxon';
import { DEMO_COUNCIL_NAME, DEMO_DECISIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TIMEZONE, expectedDemoCounts } from '../../src/demo/demo-data';
import { demoEngine, loadDemo } from '../../src/demo/load-demo';
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { startTestApp, type TestApp } from '../support/app';

// The demo is played through the API on the test app's ManualClock, with the reminder engine run by
// the loader (manual engine, no queue consumer), each load in a database of its own.
const NOW = new Date('2026-03-02T09:00:00+08:00');

interface Item {
  id: string;
  title: string;
  status: string;
  parentId: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  escalationLevel: number;
  overdue: boolean;
  light: string;
}

const target = (t: TestApp) => ({
  baseUrl: t.baseUrl,
  clock: t.clock,
  adminUsername: process.env.ADMIN_USERNAME!,
  adminPassword: process.env.ADMIN_PASSWORD!,
  engine: demoEngine(t.app),
});

describe('demo data: loads through the API, once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW.toISOString(), manualEngine: true, ownDatabase: true });
  });
  afterAll(() => t.close());

  it('loads the council the first time and does nothing the second time', async () => {
    const first = await loadDemo(target(t), { now: NOW });
    expect(first.loaded).toBe(true);
    expect(t.clock.now()).toEqual(NOW);
    const eventsAfterFirst = await countEvents(t, first.councilId);

    const second = await loadDemo(target(t), { now: NOW });
    expect(second).toMatchObject({ loaded: false, councilId: first.councilId });
    expect(await countEvents(t, first.councilId)).toBe(eventsAfterFirst);

    const councils = await t.admin.get('/councils');
    expect(councils.body.items.filter((c: { name: string }) => c.name === DEMO_COUNCIL_NAME)).toHaveLength(1);
  });

  it('leaves decisions in every state, as demo-data.ts says', async () => {
    const councilId = await demoCouncilId(t);
    const expected = expectedDemoCounts();
    for (const count of Object.values(expected)) expect(count).toBeGreaterThan(0);
    for (const [status, count] of Object.entries(expected)) {
      const res = await t.admin.get(`/resolutions?councilId=${councilId}&status=${status}&limit=200`);
      expect(res.status).toBe(200);
      expect({ status, count: res.body.items.length }).toEqual({ status, count });
    }
    const all = await t.admin.get(`/resolutions?councilId=${councilId}&limit=200`);
    expect(all.body.items).toHaveLength(DEMO_DECISIONS.length);

    const overdue = await t.admin.get(`/resolutions?councilId=${councilId}&overdue=true&limit=200`);
    const expectedOverdue = DEMO_DECISIONS.filter((d) => d.expected.overdue)
      .map((d) => d.title)
      .sort();
    expect(expectedOverdue.length).toBeGreaterThan(0);
    expect(overdue.body.items.map((r: { title: string }) => r.title).sort()).toEqual(expectedOverdue);
    for (const r of overdue.body.items) expect(r.light).toBe('red');
  });

  it('has a child resolution, an approved and a pending extension, and an intact audit chain', async () => {
    const councilId = await demoCouncilId(t);
    const items = await demoItems(t, councilId);
    const byTitle = (title: string) => items.find((r) => r.title === title)!;

    const parent = byTitle('治理老旧小区停车难问题');
    const children = (await t.admin.get(`/resolutions/${parent.id}`)).body.children;
    expect(children.map((c: { status: string }) => c.status).sort()).toEqual(['closed', 'in_progress']);

    const extended = byTitle('共建社区党群服务中心');
    expect(new Date(extended.dueAt!).getTime()).toBeGreaterThan(new Date(extended.originalDueAt!).getTime());
    const pending = (await t.admin.get(`/resolutions/${byTitle('完成开发区主干道路灯节能改造').id}/extension-requests`)).body.items;
    expect(pending.map((r: { status: string }) => r.status)).toEqual(['pending']);

    const verdict = await t.admin.get(`/councils/${councilId}/audit/verify`);
    expect(verdict.body).toMatchObject({ ok: true });
  });

  it('names a deadline in a title only as the date it has (Asia/Shanghai)', async () => {
    const items = await demoItems(t, await demoCouncilId(t));
    const dated = items.filter((r) => /\d+月\d+日/.test(r.title));
    // The data names one (the pocket park); an absolute date written into demo-data.ts would drift.
    expect(dated.length).toBeGreaterThan(0);
    for (const r of dated) {
      const [, month, day] = /(\d+)月(\d+)日/.exec(r.title)!.map(Number);
      const due = DateTime.fromISO(r.dueAt!, { zone: DEMO_TIMEZONE });
      expect({ title: r.title, month, day }).toEqual({ title: r.title, month: due.month, day: due.day });
    }
  });

  it('shows the overdue items at escalation levels 1, 2 and 3 on a working day', async () => {
    await expectLevelsOneToThree(t, await demoCouncilId(t));
  });

  it('has sent the past reminders in the past: the first start sends none', async () => {
    await expectNothingToCatchUp(t, NOW);
  });

  it('lets every demo login sign in with the documented password', async () => {
    for (const person of Object.values(DEMO_PEOPLE)) {
      const res = await t.anonymous.post('/auth/login', { username: person.username, password: DEMO_PASSWORD });
      expect({ username: person.username, status: res.status }).toEqual({ username: person.username, status: 200 });
    }
  });
});

/**
 * Whatever day it is loaded on, the three overdue items stand at escalation levels 1, 2 and 3 at
 * once (a working day is the first describe's NOW, a Monday 09:00), and the past's reminders were
 * sent in the past.
 */
describe.each([
  ['a Saturday', '2026-11-28T10:00:00+08:00'],
  ['a Sunday evening', '2026-11-29T20:00:00+08:00'],
  ['a public holiday (National Day week)', '2026-10-03T10:00:00+08:00'],
])('demo loaded on %s (%s)', (_label, at) => {
  const now = new Date(at);
  let t: TestApp;
  let councilId: string;
  beforeAll(async () => {
    t = await startTestApp({ now: at, manualEngine: true, ownDatabase: true });
    councilId = (await loadDemo(target(t), { now })).councilId;
  });
  afterAll(() => t.close());

  it('shows the overdue items at escalation levels 1, 2 and 3', () => expectLevelsOneToThree(t, councilId));
  it('has sent the past reminders in the past: the first start sends none', () => expectNothingToCatchUp(t, now));
  it('leaves unread only the last three days of messages', () => expectOnlyRecentUnread(t, now));
});

/** Inboxes open on the recent reminders: what came more than three days ago is read, the rest is not. */
async function expectOnlyRecentUnread(t: TestApp, now: Date): Promise<void> {
  const [row] = await t.db.query<{ old_unread: number; recent_unread: number; old_read: number }[]>(
    `SELECT count(*) FILTER (WHERE created_at < $1 AND read_at IS NULL)::int AS old_unread,
            count(*) FILTER (WHERE created_at >= $1 AND read_at IS NULL)::int AS recent_unread,
            count(*) FILTER (WHERE created_at < $1 AND read_at IS NOT NULL)::int AS old_read
       FROM notifications`,
    [new Date(now.getTime() - 3 * 86_400_000)],
  );
  expect(row.old_unread).toBe(0);
  expect(row.old_read).toBeGreaterThan(0);
  expect(row.recent_unread).toBeGreaterThan(0);
}

/** The overdue items are the ones demo-data.ts says, each at the level it says, and those are 1, 2 and 3. */
async function expectLevelsOneToThree(t: TestApp, councilId: string): Promise<void> {
  const overdue = (await demoItems(t, councilId)).filter((r) => r.overdue);
  const expected = DEMO_DECISIONS.filter((d) => d.expected.overdue).map((d) => ({ title: d.title, level: d.expected.escalationLevel }));
  const seen = overdue.map((r) => ({ title: r.title, level: r.escalationLevel }));
  expect(seen.sort(byTitle)).toEqual(expected.sort(byTitle));
  expect(seen.map((s) => s.level).sort()).toEqual([1, 2, 3]);
}

/**
 * The first handler pass after the load (what the worker does when the service first starts) sends
 * nothing to anyone: every action due before `now` was carried out at its own instant while the
 * history was played. (Before, that pass sent weeks of reminders at once, 18 to one cadre.) And no
 * one got two copies of the same reminder about the same item at one instant during the history.
 */
async function expectNothingToCatchUp(t: TestApp, now: Date): Promise<void> {
  const perPerson = 'SELECT person_id, count(*)::int AS n FROM notifications GROUP BY person_id ORDER BY person_id';
  const before = await t.db.query(perPerson);
  expect(before.length).toBeGreaterThan(0);
  expect(t.clock.now()).toEqual(now);
  await t.app.get(ActionHandlerService).processDue();
  expect(await t.db.query(perPerson)).toEqual(before);
  const copies = await t.db.query(
    `SELECT person_id, resolution_id, kind, level, created_at, count(*)::int AS n FROM notifications
      GROUP BY person_id, resolution_id, kind, level, created_at HAVING count(*) > 1`,
  );
  expect(copies).toEqual([]);
}

function byTitle(a: { title: string }, b: { title: string }): number {
  return a.title.localeCompare(b.title);
}

async function demoItems(t: TestApp, councilId: string): Promise<Item[]> {
  return (await t.admin.get(`/resolutions?councilId=${councilId}&limit=200`)).body.items;
}

async function demoCouncilId(t: TestApp): Promise<string> {
  const councils = await t.admin.get('/councils');
  return councils.body.items.find((c: { name: string }) => c.name === DEMO_COUNCIL_NAME).id;
}

async function countEvents(t: TestApp, councilId: string): Promise<number> {
  const [row] = await t.db.query<{ n: string }[]>('SELECT count(*)::text AS n FROM events WHERE council_id = $1', [councilId]);
  return Number(row.n);
}
