/* eslint-disable @typescript-eslint/no-explicit-any */
// The board against a hand-computed council (test/support/supervision-fixture.ts): open overdue items
// count as late, an extension met is on time only against the approved deadline, a sign-off after the
// deadline does not make a timely request late, cancelled items are left out, co-handling is apart.
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { AS_OF, buildSupervisionFixture, type Fixture } from '../support/supervision-fixture';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

describe('GET /supervision/board', () => {
  let t: TestApp;
  let w: World;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    f = await buildSupervisionFixture(t, w);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(AS_OF));

  const board = async (client: ApiClient = w.as.supervisor) => ok(client.get(`/supervision/board?councilId=${w.councilId}`), 200);

  it('counts every status (cancelled too) and the lights of open items', async () => {
    const b = await board();
    expect(b.asOf).toBe(new Date(AS_OF).toISOString());
    expect(b.counts).toEqual({
      byStatus: { registered: 0, assigned: 0, in_progress: 4, completion_requested: 0, closed: 4, cancelled: 1 },
      byLight: { red: 2, yellow: 1, green: 1 },
    });
  });

  it('the board lights agree with each item’s own light', async () => {
    const items = (await ok(w.as.supervisor.get(`/resolutions?councilId=${w.councilId}&limit=200`), 200)).items;
    const lights = { red: 0, yellow: 0, green: 0 } as Record<string, number>;
    for (const r of items) if (r.light) lights[r.light]++;
    expect((await board()).counts.byLight).toEqual(lights);
  });

  it('lists the overdue items, most days overdue first', async () => {
    const b = await board();
    expect(b.overdueTotal).toBe(2);
    expect(b.overdue).toEqual([
      expect.objectContaining({
        resolutionId: f.ids.D,
        daysOverdue: 15,
        escalationLevel: 0,
        ownerId: w.ids.owner,
        leadOrganizationId: w.orgs.lead,
        dueAt: new Date('2026-03-10T23:59:59.999+08:00').toISOString(),
        number: expect.any(Number),
        title: 'D 道路修缮',
      }),
      expect.objectContaining({ resolutionId: f.ids.I, daysOverdue: 5 }),
    ]);
  });

  it('per lead unit: open overdue items count as late, both rates, co-handled apart, cancelled left out', async () => {
    const b = await board();
    const unit = (id: string) => b.byOrganization.find((o: any) => o.organizationId === id);
    expect(unit(w.orgs.lead)).toEqual({
      organizationId: w.orgs.lead,
      name: expect.stringContaining('城建办'),
      open: 3,
      overdue: 2,
      overdueOriginal: 2,
      closed: 3,
      closedOnTime: 2,
      closedOnTimeOriginal: 1,
      coHandled: 0,
      onTimeRate: 0.4,
      onTimeRateOriginal: 0.2,
    });
    expect(unit(w.orgs.co)).toEqual({
      organizationId: w.orgs.co,
      name: expect.stringContaining('管委会'),
      open: 1,
      overdue: 0,
      overdueOriginal: 0,
      closed: 1,
      closedOnTime: 1,
      closedOnTimeOriginal: 1,
      coHandled: 6,
      onTimeRate: 1,
      onTimeRateOriginal: 1,
    });
    // The secretariat is a member with nothing to judge: listed, rates null, last.
    expect(b.byOrganization.at(-1)).toMatchObject({ open: 0, closed: 0, onTimeRate: null, onTimeRateOriginal: null });
    expect(b.byOrganization.map((o: any) => o.organizationId).slice(0, 2)).toEqual([w.orgs.lead, w.orgs.co]);
  });

  it('per owner: the same figures for each responsible cadre', async () => {
    const b = await board();
    expect(b.byOwner).toEqual([
      expect.objectContaining({
        personId: w.ids.owner,
        open: 3,
        overdue: 2,
        closed: 3,
        closedOnTime: 2,
        onTimeRate: 0.4,
        onTimeRateOriginal: 0.2,
      }),
      expect.objectContaining({ personId: w.ids.coHandler, open: 1, overdue: 0, closed: 1, closedOnTime: 1, onTimeRate: 1 }),
    ]);
  });

  it('without councilId: every council the caller supervises or chairs, with a row per council', async () => {
    const other = await buildWorld(t);
    t.clock.set(AS_OF);
    const mine = await ok(w.as.chair.get('/supervision/board'), 200);
    expect(mine.byCouncil).toEqual([
      expect.objectContaining({ councilId: w.councilId, open: 4, overdue: 2, closed: 4, closedOnTime: 3, coHandled: 6, onTimeRate: 0.5 }),
    ]);
    expect(mine.counts).toEqual((await board()).counts);
    const all = await ok(t.admin.get('/supervision/board'), 200);
    expect(all.byCouncil.map((c: any) => c.councilId)).toEqual(expect.arrayContaining([w.councilId, other.councilId]));
  });

  it('board.rankPeople: false removes every per-person figure, and only for that council', async () => {
    const other = await buildWorld(t);
    t.clock.set(AS_OF);
    await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, { board: { rankPeople: false } }), 200);
    try {
      const b = await board();
      expect(b).not.toHaveProperty('byOwner');
      expect(b.byOrganization.length).toBeGreaterThan(0);
      expect((await ok(w.as.supervisor.get('/supervision/board'), 200)).byOwner).toBeUndefined();
      const all = await ok(t.admin.get('/supervision/board'), 200);
      const people = all.byOwner.map((p: any) => p.personId);
      expect(people).not.toContain(w.ids.owner);
      expect(all.byCouncil.find((c: any) => c.councilId === w.councilId).rankPeople).toBe(false);
      expect(all.byCouncil.find((c: any) => c.councilId === other.councilId).rankPeople).toBe(true);
    } finally {
      await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, {}), 200);
    }
  });

  describe('access', () => {
    const EXPECTED: Record<PersonKey | 'admin', number> = {
      chair: 200,
      supervisor: 200,
      admin: 200,
      secretary: 403,
      owner: 403,
      leadMember: 403,
      leadLeader: 403,
      coHandler: 403,
      coLeader: 403,
      outsider: 404,
    };
    it.each(Object.keys(EXPECTED) as (PersonKey | 'admin')[])('for one council as %s', async (role) => {
      const client = role === 'admin' ? t.admin : w.as[role];
      const res = await client.get(`/supervision/board?councilId=${w.councilId}`);
      expect({ role, status: res.status }).toEqual({ role, status: EXPECTED[role] });
    });
    it.each(Object.keys(EXPECTED) as (PersonKey | 'admin')[])('without a council as %s', async (role) => {
      const client = role === 'admin' ? t.admin : w.as[role];
      const res = await client.get('/supervision/board');
      expect({ role, status: res.status }).toEqual({ role, status: EXPECTED[role] === 200 ? 200 : 403 });
    });
    it('an unknown council is 404, a signed-out caller 401', async () => {
      expect((await t.admin.get('/supervision/board?councilId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await t.anonymous.get(`/supervision/board?councilId=${w.councilId}`)).status).toBe(401);
    });
  });

  it.each([
    ['councilId', 'councilId=42'],
    ['limit', 'limit=0'],
    ['limit', 'limit=201'],
    ['colour', 'colour=red'],
  ])('bad input names %s', async (field, query) => {
    const res = await w.as.supervisor.get(`/supervision/board?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
