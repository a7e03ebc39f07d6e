/* eslint-disable @typescript-eslint/no-explicit-any */
// Races between changes that touch more than one row: a child added while its parent is being
// cancelled or verified, and a council's policy changed while its items move through the workflow.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

const OPEN = ['registered', 'assigned', 'in_progress', 'completion_requested'];

describe('engine races: parents and children, policies and transitions', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('adding children while the parent is cancelled or verified never leaves an open child under a finished parent', async () => {
    const parents = [
      ...(await Promise.all(Array.from({ length: 8 }, () => resolutionIn(w, 'in_progress')))),
      ...(await Promise.all(Array.from({ length: 8 }, () => resolutionIn(w, 'completion_requested')))),
    ];
    const answers = (
      await Promise.all(
        parents.map((p) => {
          const finish = () =>
            p.status === 'in_progress'
              ? w.as.supervisor.post(`/resolutions/${p.id}/cancel`, { version: p.version, reason: '会议决定撤销' })
              : w.as.supervisor.post(`/resolutions/${p.id}/verify`, { version: p.version });
          const add = (i: number) => w.as.supervisor.post(`/resolutions/${p.id}/children`, { title: `分解子任务 ${i}` });
          // The finishing request in the middle of the additions, so some land before it and some after.
          return Promise.all([add(0), add(1), finish(), add(2), add(3)]);
        }),
      )
    ).flat();
    // Every answer is a success or a clean 409 (the parent is no longer open, or has open children).
    expect(answers.filter((a) => ![200, 201, 409].includes(a.status)).map((a) => [a.status, a.body])).toEqual([]);

    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM resolutions c JOIN resolutions p ON p.id = c.parent_id
        WHERE p.id = ANY($1) AND p.status IN ('closed', 'cancelled') AND c.status = ANY($2)`,
      [parents.map((p) => p.id), OPEN],
    );
    expect(n).toBe(0);
    // The race really ran both ways: some children were created, and some parents were finished.
    const finished = await t.db.query("SELECT status FROM resolutions WHERE id = ANY($1) AND status IN ('closed', 'cancelled')", [
      parents.map((p) => p.id),
    ]);
    expect(finished.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(0);
  });

  it('policy changes and transitions on one council all succeed: no deadlock, no "try again"', async () => {
    const policy = (levels: number) => ({
      calendar: 'weekdays',
      escalation: Array.from({ length: levels }, (_, i) => ({ after: `${i * 2}wd`, level: i + 1, notify: ['owner', 'supervisors'] })),
    });
    const items = await Promise.all(Array.from({ length: 12 }, () => resolutionIn(w, 'in_progress')));
    const answers = await Promise.all([
      ...items.map((r, i) =>
        i % 2 === 0
          ? w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: `进展 ${i}`, percent: 10 + i })
          : w.as.supervisor.post(`/resolutions/${r.id}/reassign`, { version: r.version, dueAt: '2026-11-30' }),
      ),
      ...Array.from({ length: 6 }, (_, i) => w.as.chair.put(`/councils/${w.councilId}/policy`, policy(1 + (i % 3)))),
    ]);
    expect(answers.map((a) => a.status)).toEqual([...items.map(() => 200), ...Array.from({ length: 6 }, () => 200)]);
    // Whatever policy won, every open item's pending plan is the one that policy gives.
    const final = await ok(w.as.chair.get(`/councils/${w.councilId}`), 200);
    const levels = final.policy.escalation.length;
    const rows = await t.db.query(
      `SELECT r.id, count(a.id) FILTER (WHERE a.kind = 'escalation')::int AS n
         FROM resolutions r LEFT JOIN scheduled_actions a ON a.resolution_id = r.id AND a.status = 'pending'
        WHERE r.id = ANY($1) GROUP BY r.id`,
      [items.map((r) => r.id)],
    );
    expect(rows.map((r: any) => r.n)).toEqual(items.map(() => levels));
  });
});
