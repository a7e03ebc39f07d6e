/* eslint-disable @typescript-eslint/no-explicit-any */
// Supervision checks can be read back by the item's readers, their event keeps every field, and
// inspectors must be people of the council's member organizations.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

describe('supervision checks: recorded, read back, audited', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const record = (r: any, overrides: Record<string, unknown> = {}) =>
    w.as.supervisor.post(`/resolutions/${r.id}/checks`, {
      version: r.version,
      checkedAt: '2026-03-02T10:00:00+08:00',
      method: 'hearing',
      inspectorIds: [w.ids.supervisor, w.ids.owner],
      findings: '听取汇报，进度滞后',
      rating: 'needs_improvement',
      ...overrides,
    });

  it('answers every check with method, inspectors, findings, rating and who recorded it, oldest first', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const first = await ok(record(r, { checkedAt: '2026-03-03T10:00:00+08:00' }), 201);
    const current = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    const second = await ok(
      record(current, {
        checkedAt: '2026-03-01T15:30:00+08:00',
        method: 'site_visit',
        inspectorIds: [w.ids.chair],
        findings: '现场查看',
        rating: 'satisfactory',
      }),
      201,
    );
    const list = await ok(w.as.leadMember.get(`/resolutions/${r.id}/checks`), 200);
    expect(list.items).toEqual([
      {
        id: second.id,
        resolutionId: r.id,
        checkedAt: '2026-03-01T07:30:00.000Z',
        method: 'site_visit',
        inspectorIds: [w.ids.chair],
        findings: '现场查看',
        rating: 'satisfactory',
        createdBy: w.ids.supervisor,
        createdAt: expect.any(String),
      },
      {
        id: first.id,
        resolutionId: r.id,
        checkedAt: '2026-03-03T02:00:00.000Z',
        method: 'hearing',
        inspectorIds: [w.ids.supervisor, w.ids.owner],
        findings: '听取汇报，进度滞后',
        rating: 'needs_improvement',
        createdBy: w.ids.supervisor,
        createdAt: expect.any(String),
      },
    ]);
  });

  it('the check has its own audit event carrying every field', async () => {
    const r = await resolutionIn(w, 'assigned');
    const check = await ok(record(r), 201);
    const events = (await ok(w.as.supervisor.get(`/resolutions/${r.id}/events`), 200)).items;
    const event = events.find((e: any) => e.action === 'check.recorded');
    expect(event).toMatchObject({
      entityType: 'supervision_check',
      entityId: check.id,
      actorId: w.ids.supervisor,
      after: {
        id: check.id,
        checkedAt: '2026-03-02T02:00:00.000Z',
        method: 'hearing',
        inspectorIds: [w.ids.supervisor, w.ids.owner],
        findings: '听取汇报，进度滞后',
        rating: 'needs_improvement',
        createdBy: w.ids.supervisor,
      },
    });
  });

  it('refuses an inspector outside the member organizations with a 400 naming inspectorIds, and records nothing', async () => {
    const r = await resolutionIn(w, 'in_progress');
    for (const stranger of [w.ids.outsider, '00000000-0000-4000-8000-000000000000']) {
      const res = await record(r, { inspectorIds: [w.ids.supervisor, stranger] });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'inspectorIds' })]);
    }
    expect((await ok(w.as.supervisor.get(`/resolutions/${r.id}/checks`), 200)).items).toEqual([]);
    expect((await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200)).version).toBe(r.version);
  });

  it('is readable by everyone related to the item; outsiders and unknown ids get 404', async () => {
    const r = await resolutionIn(w, 'in_progress');
    expect((await w.as.outsider.get(`/resolutions/${r.id}/checks`)).status).toBe(404);
    expect((await w.as.coHandler.get(`/resolutions/${r.id}/checks`)).status).toBe(200);
    expect((await t.admin.get(`/resolutions/00000000-0000-4000-8000-000000000000/checks`)).status).toBe(404);
  });
});
