/* eslint-disable @typescript-eslint/no-explicit-any */
import { startTestApp, type TestApp } from '../support/app';
import { FAST_POLICY } from '../support/fast-policy';
import { eventually, inSeconds, noticesOf } from '../support/inbox';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { buildWorld, ok, type World } from '../support/world';

/**
 * The engine on real time, through BullMQ: the dispatcher's ticks, delayed fire jobs and the worker,
 * on a Redis of its own. The same steps are checked on the injected clock in the integration tier;
 * here what is measured is that real time keeps up (lateness), so it waits real seconds.
 */
describe('reminder engine on real time: on time through the queue', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({
      role: 'all',
      realClock: true,
      env: { REDIS_URL: redis.url, DISPATCH_EVERY_MS: '500', DISPATCH_HORIZON_SECONDS: '30' },
    });
    w = await buildWorld(t, FAST_POLICY);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('reminds before the deadline, then escalates level by level to the right people, exactly once each', async () => {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '开放公园' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        coOrganizationIds: [w.orgs.co],
        ownerId: w.ids.owner,
        dueAt: inSeconds(3),
      }),
      200,
    );
    r = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
    const expected = [
      `due_soon@${w.ids.owner}`,
      `overdue#1@${w.ids.owner}`,
      `overdue#1@${w.ids.leadLeader}`,
      `escalated#2@${w.ids.owner}`,
      `escalated#2@${w.ids.supervisor}`,
      `escalated#3@${w.ids.chair}`,
    ];
    await eventually(async () => {
      const notices = (await noticesOf(t.db, r.id)).filter((n) => !n.startsWith('assigned'));
      expect(notices).toEqual(expected.sort());
    }, 12_000);
    const view = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    expect(view).toMatchObject({ overdue: true, light: 'red', escalationLevel: 3 });
    // Lateness: every action was carried out within a second of its instant.
    const late = await t.db.query(
      "SELECT max(extract(epoch FROM handled_at - fire_at))::float AS s FROM scheduled_actions WHERE resolution_id = $1 AND status = 'done'",
      [r.id],
    );
    expect(late[0].s).toBeLessThan(1.5);
    const events = (await w.as.owner.get(`/resolutions/${r.id}/events`)).body.items.filter((e: any) => e.action === 'resolution.escalated');
    expect(events.map((e: any) => e.after.escalationLevel)).toEqual([1, 2, 3]);
  });
});
