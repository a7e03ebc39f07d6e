/* eslint-disable @typescript-eslint/no-explicit-any */
// Optimistic locking: every transition is a conditional UPDATE on (id, version, status), so of many
// requests based on the same version exactly one wins; the rest get 409 and leave no trace.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

describe('concurrency: one version, one winner', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const count = async (sql: string, id: string): Promise<number> => (await t.db.query(sql, [id]))[0].n;
  const eventsOf = (id: string) => count('SELECT count(*)::int AS n FROM events WHERE resolution_id = $1', id);
  const reportsOf = (id: string) => count('SELECT count(*)::int AS n FROM progress_reports WHERE resolution_id = $1', id);

  it('50 concurrent progress reports on the same version: one 200, 49 × 409, one new event', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const eventsBefore = await eventsOf(r.id);
    // The owner and the co-handlers race each other, as they would from their phones.
    const reporters = [w.as.owner, w.as.coHandler, w.as.coLeader, w.as.leadLeader];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reporters[i % reporters.length].post(`/resolutions/${r.id}/progress`, { version: r.version, note: `进展 ${i}`, percent: i + 1 }),
      ),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const loser of answers.filter((a) => a.status === 409))
      expect(loser.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('version') });

    const winner = answers.find((a) => a.status === 200)!.body;
    const now = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    expect(now).toMatchObject({ version: r.version + 1, progress: winner.progress });
    expect(now.lastProgress).toMatchObject({ percent: winner.progress });
    expect(await eventsOf(r.id)).toBe(eventsBefore + 1);
    expect(await reportsOf(r.id)).toBe(1);
    // The chain stayed whole under the race.
    expect((await ok(w.as.supervisor.get(`/councils/${w.councilId}/audit/verify`), 200)).ok).toBe(true);
  });

  it('50 concurrent different transitions on the same version (cancel, urge, progress, completion): one winner', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const eventsBefore = await eventsOf(r.id);
    const attempts = Array.from({ length: 50 }, (_, i) => {
      switch (i % 4) {
        case 0:
          return w.as.supervisor.post(`/resolutions/${r.id}/cancel`, { version: r.version, reason: '撤销' });
        case 1:
          return w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '催办' });
        case 2:
          return w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: '进展', percent: 50 });
        default:
          return w.as.owner.post(`/resolutions/${r.id}/completion-request`, { version: r.version, summary: '完成' });
      }
    });
    const statuses = (await Promise.all(attempts)).map((a) => a.status);
    expect(statuses.filter((s) => s < 300)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect((await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200)).version).toBe(r.version + 1);
    expect(await eventsOf(r.id)).toBe(eventsBefore + 1);
  });

  it('cancelling a parent while a child is being verified never overwrites the child’s sign-off', async () => {
    // The cascade used to cancel children it had read as open even when a verify committed in between.
    for (let round = 0; round < 10; round++) {
      const parent = await resolutionIn(w, 'in_progress');
      let child = await ok(w.as.supervisor.post(`/resolutions/${parent.id}/children`, { title: `子任务 ${round}` }), 201);
      child = await ok(
        w.as.supervisor.post(`/resolutions/${child.id}/assign`, {
          version: child.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-12-31',
        }),
        200,
      );
      child = await ok(w.as.owner.post(`/resolutions/${child.id}/accept`, { version: child.version }), 200);
      child = await ok(w.as.owner.post(`/resolutions/${child.id}/completion-request`, { version: child.version, summary: '完成' }), 200);

      const [cancel, verify] = await Promise.all([
        w.as.supervisor.post(`/resolutions/${parent.id}/cancel`, { version: parent.version, reason: '撤销' }),
        w.as.supervisor.post(`/resolutions/${child.id}/verify`, { version: child.version }),
      ]);
      expect(cancel.status).toBe(200);
      const final = await ok(w.as.supervisor.get(`/resolutions/${child.id}`), 200);
      const events = (await ok(w.as.supervisor.get(`/resolutions/${child.id}/events`), 200)).items.map((e: any) => e.action);
      if (verify.status === 200) {
        expect({ round, status: final.status, last: events.at(-1) }).toEqual({ round, status: 'closed', last: 'resolution.verify' });
      } else {
        expect(verify.status).toBe(409);
        expect({ round, status: final.status, last: events.at(-1) }).toEqual({ round, status: 'cancelled', last: 'resolution.cancel' });
      }
    }
  });

  it('a stale version on its own gets 409 and changes nothing', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const moved = await ok(w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: '第一次', percent: 20 }), 200);
    const before = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    const eventsBefore = await eventsOf(r.id);
    t.clock.advance(60_000);

    const stale = await w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: '基于旧版本', percent: 90 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringMatching(new RegExp(`version ${r.version}.*${moved.version}`)),
    });
    const staleTransition = await w.as.owner.post(`/resolutions/${r.id}/completion-request`, { version: r.version, summary: '基于旧版本' });
    expect(staleTransition.status).toBe(409);

    const after = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    expect(after).toEqual(before);
    expect(await eventsOf(r.id)).toBe(eventsBefore);
    expect(await reportsOf(r.id)).toBe(1);
  });

  it('a version from the future is stale too', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const res = await w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version + 5, note: '未来版本', percent: 10 });
    expect(res.status).toBe(409);
    expect((await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200)).version).toBe(r.version);
  });
});
