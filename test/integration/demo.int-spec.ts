import { DEMO_COUNCIL_NAME, DEMO_DECISIONS, DEMO_PASSWORD, DEMO_PEOPLE, expectedDemoCounts } from '../../src/demo/demo-data';
import { loadDemo } from '../../src/demo/load-demo';
import { startTestApp, type TestApp } from '../support/app';

// The demo is played through the API on the test app's ManualClock, anchored at a fixed instant so
// the expected lights and overdue flags do not depend on the day the tests run.
const NOW = new Date('2026-03-02T09:00:00+08:00');

describe('demo data: loads through the API, once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW.toISOString() });
  });
  afterAll(async () => {
    // The demo's reminders fall due around NOW, long past in real time: a worker started by a later
    // test file in this database would fire them all. Retire them so each file sees only its own.
    await t.db.query(
      "UPDATE scheduled_actions SET status = 'cancelled' WHERE status = 'pending' AND council_id IN (SELECT id FROM councils WHERE name = $1)",
      [DEMO_COUNCIL_NAME],
    );
    await t.close();
  });

  const target = () => ({
    baseUrl: t.baseUrl,
    clock: t.clock,
    adminUsername: process.env.ADMIN_USERNAME!,
    adminPassword: process.env.ADMIN_PASSWORD!,
  });

  it('loads the council the first time and does nothing the second time', async () => {
    const first = await loadDemo(target(), { now: NOW });
    expect(first.loaded).toBe(true);
    expect(t.clock.now()).toEqual(NOW);
    const eventsAfterFirst = await countEvents(t, first.councilId);

    const second = await loadDemo(target(), { now: NOW });
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
    const items: { id: string; title: string; parentId: string | null; dueAt: string; originalDueAt: string }[] = (
      await t.admin.get(`/resolutions?councilId=${councilId}&limit=200`)
    ).body.items;
    const byTitle = (title: string) => items.find((r) => r.title === title)!;

    const parent = byTitle('治理老旧小区停车难问题');
    const children = (await t.admin.get(`/resolutions/${parent.id}`)).body.children;
    expect(children.map((c: { status: string }) => c.status).sort()).toEqual(['closed', 'in_progress']);

    const extended = byTitle('共建社区党群服务中心');
    expect(new Date(extended.dueAt).getTime()).toBeGreaterThan(new Date(extended.originalDueAt).getTime());
    const pending = (await t.admin.get(`/resolutions/${byTitle('完成开发区主干道路灯节能改造').id}/extension-requests`)).body.items;
    expect(pending.map((r: { status: string }) => r.status)).toEqual(['pending']);

    const verdict = await t.admin.get(`/councils/${councilId}/audit/verify`);
    expect(verdict.body).toMatchObject({ ok: true });
  });

  it('lets every demo login sign in with the documented password', async () => {
    for (const person of Object.values(DEMO_PEOPLE)) {
      const res = await t.anonymous.post('/auth/login', { username: person.username, password: DEMO_PASSWORD });
      expect({ username: person.username, status: res.status }).toEqual({ username: person.username, status: 200 });
    }
  });
});

async function demoCouncilId(t: TestApp): Promise<string> {
  const councils = await t.admin.get('/councils');
  return councils.body.items.find((c: { name: string }) => c.name === DEMO_COUNCIL_NAME).id;
}

async function countEvents(t: TestApp, councilId: string): Promise<number> {
  const [row] = await t.db.query<{ n: string }[]>('SELECT count(*)::text AS n FROM events WHERE council_id = $1', [councilId]);
  return Number(row.n);
}
