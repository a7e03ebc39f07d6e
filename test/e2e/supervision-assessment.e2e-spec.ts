/* eslint-disable @typescript-eslint/no-explicit-any */
// 考核 against the hand-computed council (test/support/supervision-fixture.ts), period March 2026,
// judged at 03-25 10:00, with three checks added: A satisfactory, D unsatisfactory (both led by
// 城建办), G needs_improvement (led by 管委会).
//
// 城建办: closed in period A, B, C (on time A, B); open overdue D (15 days), I (5 days); late C (1 day)
//   onTimeRate 2/5 = 0.4 (naively 2/3), overdueDays (15+5+1)/3 = 7, no reports either way (left out),
//   checkRating (1+0)/2 = 0.5 → 100 × (0.4·0.4 + 0.2·(1 − 7/30) + 0.2·0.5) ÷ 0.8 = 51.67.
// 管委会: G on time, nothing overdue, H reported once, G rated 0.5 → 100 × (0.4 + 0.2 + 0.2 + 0.1) = 90;
//   it co-handles C, D and I, all late.
// 联席会议办公室: nothing to measure at all → score null, every component left out.
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { AS_OF, buildSupervisionFixture, type Fixture } from '../support/supervision-fixture';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

describe('GET /councils/:id/assessment', () => {
  let t: TestApp;
  let w: World;
  let f: Fixture;
  const MARCH = 'from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    f = await buildSupervisionFixture(t, w);
    const check = async (key: 'A' | 'D' | 'G', rating: string) => {
      const r = await ok(w.as.supervisor.get(`/resolutions/${f.ids[key]}`), 200);
      await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/checks`, {
          version: r.version,
          checkedAt: '2026-03-20T10:00:00+08:00',
          method: 'site_visit',
          inspectorIds: [w.ids.supervisor],
          findings: `检查 ${key}`,
          rating,
        }),
        201,
      );
    };
    await check('A', 'satisfactory');
    await check('D', 'unsatisfactory');
    await check('G', 'needs_improvement');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(AS_OF));

  const assess = async (query = MARCH, client: ApiClient = w.as.supervisor) =>
    ok(client.get(`/councils/${w.councilId}/assessment?${query}`), 200);
  const unit = (a: any, id: string) => a.organizations.find((o: any) => o.organizationId === id);
  const setPolicy = (policy: unknown) => ok(w.as.chair.put(`/councils/${w.councilId}/policy`, policy), 200);

  it('weighted (default): components, the weights applied after leaving out what has nothing to measure', async () => {
    const a = await assess();
    expect(a).toMatchObject({
      councilId: w.councilId,
      from: new Date('2026-03-01T00:00:00+08:00').toISOString(),
      to: new Date('2026-03-31T23:59:59.999+08:00').toISOString(),
      asOf: new Date(AS_OF).toISOString(),
      mode: 'weighted',
      weights: { onTime: 0.4, overdue: 0.2, reports: 0.2, checks: 0.2 },
      overdueDaysCap: 30,
      formula: expect.stringContaining('onTimeRate'),
    });
    expect(unit(a, w.orgs.lead)).toMatchObject({
      score: 51.67,
      components: { onTimeRate: 0.4, overdueDays: 7, reportCompliance: null, checkRating: 0.5 },
      leftOut: ['reportCompliance'],
      appliedWeights: { onTimeRate: 0.5, overdueDays: 0.25, checkRating: 0.25 },
    });
    expect(unit(a, w.orgs.co)).toMatchObject({
      score: 90,
      components: { onTimeRate: 1, overdueDays: 0, reportCompliance: 1, checkRating: 0.5 },
      leftOut: [],
    });
    expect(a.organizations.at(-1)).toMatchObject({
      score: null,
      leftOut: ['onTimeRate', 'overdueDays', 'reportCompliance', 'checkRating'],
    });
    expect(a.organizations.map((o: any) => o.organizationId).slice(0, 2)).toEqual([w.orgs.co, w.orgs.lead]);
  });

  it('weights from the policy, renormalised over what is measured', async () => {
    await setPolicy({ assessment: { weights: { onTime: 1, overdue: 0, reports: 0, checks: 1 } } });
    try {
      const a = await assess();
      expect(a.weights).toEqual({ onTime: 1, overdue: 0, reports: 0, checks: 1 });
      expect(unit(a, w.orgs.lead)).toMatchObject({ score: 45, appliedWeights: { onTimeRate: 0.5, checkRating: 0.5 } });
    } finally {
      await setPolicy({});
    }
  });

  it('deduction mode: 100 minus the points of the policy per cause', async () => {
    await setPolicy({ assessment: { mode: 'deduction', deductions: { overdueLead: 3 } } });
    try {
      const a = await assess();
      expect(a).toMatchObject({ mode: 'deduction', deductions: { missedReport: 1, overdueLead: 3, overdueCo: 1, unsatisfactoryCheck: 2 } });
      expect(a.formula).toContain('100 −');
      expect(unit(a, w.orgs.lead)).toMatchObject({
        score: 89,
        deducted: { missedReport: 0, overdueLead: 9, overdueCo: 0, unsatisfactoryCheck: 2 },
      });
      expect(unit(a, w.orgs.co)).toMatchObject({ score: 97, deducted: { overdueCo: 3 } });
      expect(a.organizations.find((o: any) => o.score === 100)).toBeDefined();
    } finally {
      await setPolicy({});
    }
  });

  it('a period before anything happened has nothing to measure', async () => {
    const a = await assess('from=2026-01-01&to=2026-02-28');
    expect(a.organizations.every((o: any) => o.score === null)).toBe(true);
  });

  it.each([
    ['from', 'to=2026-03-31'],
    ['to', 'from=2026-03-01'],
    ['to', 'from=2026-03-31&to=2026-03-01'],
    ['to', 'from=2023-01-01&to=2026-03-31'],
    ['from', 'from=March&to=2026-03-31'],
  ])('bad input names %s (%s)', async (field, query) => {
    const res = await w.as.supervisor.get(`/councils/${w.councilId}/assessment?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it.each([
    ['policy.assessment.weights', { assessment: { weights: { onTime: 0, overdue: 0, reports: 0, checks: 0 } } }],
    ['policy.assessment.weights.checks', { assessment: { weights: { checks: -0.1 } } }],
    ['policy.assessment.deductions.overdueCo', { assessment: { deductions: { overdueCo: -1 } } }],
  ])('a policy naming %s is refused', async (field, policy) => {
    const res = await w.as.chair.put(`/councils/${w.councilId}/policy`, policy);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

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
  it.each(Object.keys(EXPECTED) as (PersonKey | 'admin')[])('access as %s', async (role) => {
    const res = await (role === 'admin' ? t.admin : w.as[role]).get(`/councils/${w.councilId}/assessment?${MARCH}`);
    expect({ role, status: res.status }).toEqual({ role, status: EXPECTED[role] });
  });
});
