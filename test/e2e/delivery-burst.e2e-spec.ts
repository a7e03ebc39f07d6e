// A burst of reminders: its deliveries are written with it but queued by the sweep once it is over, and
// sending steps down to a trickle while the engine is backed up. Real Redis, real PostgreSQL, a real
// webhook receiver on loopback; the periodic sweep is set far away so only the burst's end can queue.
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DELIVERIES_QUEUE, DELIVERY_JOBS, engineBacklogKey } from '../../src/common/queues';
import { AFTER_BURST_SWEEP } from '../../src/notifications/delivery/delivery-queue.service';
import { DeliveryProcessor } from '../../src/notifications/delivery/delivery.processor';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { ReminderQueue } from '../../src/reminders/reminder-queue.service';
import { BURST_POLICY } from '../../bench/reminder-engine/burst';
import { createCouncils, loadResolutions, type Bench } from '../../bench/reminder-engine/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { RobotPeer } from '../support/delivery-peers';
import { eventually } from '../support/inbox';
import { buildWorld, ok, type World } from '../support/world';

describe('delivery during a reminder burst', () => {
  let t: TestApp;
  let w: World;
  let peer: RobotPeer;
  let redis: Redis;
  let processor: DeliveryProcessor;
  let queue: Queue;
  let resolutionId: string;
  let channelId: string;
  const secret = 'whsec_YnVyc3Qgc2VjcmV0IGZvciB0aGUgdGVzdHM=';

  beforeAll(async () => {
    peer = await new RobotPeer().start();
    t = await startTestApp({ role: 'all', realClock: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true', DELIVERY_SWEEP_MS: '600000' } });
    w = await buildWorld(t);
    redis = new Redis(t.config.redisUrl);
    processor = t.app.get(DeliveryProcessor);
    queue = t.app.get<Queue>(getQueueToken(DELIVERIES_QUEUE));
    channelId = (
      await ok(
        w.as.chair.post(`/councils/${w.councilId}/channels`, {
          type: 'webhook',
          name: 'burst sink',
          url: peer.robot('webhook', 'burst', secret),
          secret,
          kinds: ['overdue'],
        }),
      )
    ).id;
    resolutionId = (await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '老旧小区加装电梯' }))).id;
  });

  afterAll(async () => {
    await redis.del(engineBacklogKey(t.config.queuePrefix));
    redis.disconnect();
    await t.close();
    await peer.close();
  });

  const pendingOf = async (notificationIds: string[]): Promise<string[]> =>
    (await t.db.query(`SELECT id FROM deliveries WHERE notification_id = ANY($1) AND status = 'pending'`, [notificationIds])).map(
      (r: { id: string }) => r.id,
    );

  it("a burst's deliveries wait in PostgreSQL, sending runs at a trickle, and the burst's end queues them: each sent once", async () => {
    const key = engineBacklogKey(t.config.queuePrefix);
    await redis.set(key, '1', 'PX', 60_000);
    await processor.followEngineBacklog();
    expect(processor.worker.concurrency).toBe(2);

    const inputs = Array.from({ length: 30 }, (_, i) => ({
      personId: w.ids.owner,
      sourceKey: `burst-test:${i}`,
      kind: 'overdue' as const,
      councilId: w.councilId,
      resolutionId,
      level: 1,
      title: `逾期提醒 ${i}`,
      body: '事项已逾期，请尽快办理。',
    }));
    const notifications = t.app.get(NotificationsService);
    await t.db.transaction((m) => notifications.createMany(m, inputs, new Date(), { leaveQueueingToSweep: true }));
    const notificationIds = (
      await t.db.query(`SELECT id FROM notifications WHERE source_key LIKE 'burst-test:%' AND person_id = $1`, [w.ids.owner])
    ).map((r: { id: string }) => r.id);
    const pending = await pendingOf(notificationIds);
    expect(pending).toHaveLength(30);
    // Written with the burst, not queued one by one: nothing for them in Redis yet, nothing sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await Promise.all(pending.map((id) => queue.getJob(id)))).filter(Boolean)).toEqual([]);
    expect(peer.delivered('burst')).toEqual([]);
    // The periodic sweep waits too while the burst lasts: the one that follows it queues the rows.
    expect(await processor.process({ name: DELIVERY_JOBS.sweep, data: {} } as Job)).toMatch(/^deferred/);
    expect(await pendingOf(notificationIds)).toHaveLength(30);

    // The burst is over: the engine clears its mark and asks for the sweep, as ActionHandlerService does.
    await redis.del(key);
    await processor.followEngineBacklog();
    expect(processor.worker.concurrency).toBe(t.config.delivery.concurrency);
    await notifications.queueDeliveriesLeftToSweep();
    await eventually(async () => expect(await pendingOf(notificationIds)).toEqual([]), 15_000);
    const ids = peer.delivered('burst').map((m) => m.webhookId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(new Set(ids)).toEqual(new Set(pending.map((id) => `msg_${id}`)));
  });

  it('the sweep reads past its page: 5,001 due rows are all queued in one run and each handled once', async () => {
    await ok(w.as.chair.patch(`/councils/${w.councilId}/channels/${channelId}`, { enabled: false }), 200);
    const [notification] = await t.db.query(
      `INSERT INTO notifications (person_id, source_key, kind, title, body, council_id) VALUES ($1, 'sweep-page', 'overdue', 't', 'b', $2) RETURNING id`,
      [w.ids.owner, w.councilId],
    );
    await t.db.query(
      `INSERT INTO deliveries (cause, channel, target_key, channel_id, notification_id, council_id, target, status, next_attempt_at)
       SELECT 'sweep-page:' || i, 'webhook', 'channel:' || $1, $1::uuid, $2::uuid, $3::uuid, 'http://127.0.0.1/…', 'pending', now()
         FROM generate_series(1, 5001) i`,
      [channelId, notification.id, w.councilId],
    );
    // Other suites' rows in this database may be due too: the sweep reads each due row once, past the page of 5,000.
    const [{ due }] = await t.db.query(
      `SELECT count(*)::int AS due FROM deliveries WHERE status = 'pending' AND next_attempt_at <= now() + interval '60 seconds'
          AND (lease_until IS NULL OR lease_until < now())`,
    );
    expect(due).toBeGreaterThanOrEqual(5001);
    expect(await processor.sweep()).toBe(due);
    await eventually(async () => {
      const rows = await t.db.query(
        `SELECT status, last_error, count(*)::int AS n FROM deliveries WHERE notification_id = $1 GROUP BY 1, 2`,
        [notification.id],
      );
      expect(rows).toEqual([{ status: 'skipped', last_error: 'channel off', n: 5001 }]);
      // Each row was claimed once: one attempt.
      const [{ attempts }] = await t.db.query(
        `SELECT array_agg(DISTINCT attempts) AS attempts FROM deliveries WHERE notification_id = $1`,
        [notification.id],
      );
      expect(attempts).toEqual([1]);
    }, 60_000);
  });
});

describe('a real burst through the reminder engine', () => {
  let t: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    // A database of its own: the handler pass sees only this burst's actions.
    t = await startTestApp({ manualEngine: true, ownDatabase: true });
    redis = new Redis(t.config.redisUrl);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  it('600 actions due at once: the full batch is marked and left to the sweep, the last one queued; the end asks for the sweep', async () => {
    const [council] = await createCouncils(t.db, 1, BURST_POLICY);
    await t.db.query(
      `INSERT INTO council_channels (council_id, type, name, url, secret) VALUES ($1, 'webhook', 'sink', 'http://127.0.0.1:9/hook', NULL)`,
      [council.id],
    );
    const dueAt = new Date(t.clock.now().getTime() - 3_600_000);
    const subject = { status: 'in_progress' as const, priority: 'normal' as const, dueAt, assignedAt: dueAt, acceptedAt: dueAt };
    await loadResolutions({ app: t.app, db: t.db } as unknown as Bench, [council], 600, () => ({
      ...subject,
      lastProgressAt: null,
      lastReportCycleAt: null,
    }));
    const queue = t.app.get<Queue>(getQueueToken(DELIVERIES_QUEUE));
    const marks: boolean[] = [];
    const reminders = t.app.get(ReminderQueue);
    const mark = reminders.markBacklog.bind(reminders);
    // Record what the engine says about its burst (the real call still goes to Redis).
    jest.spyOn(reminders, 'markBacklog').mockImplementation(async (backlog: boolean) => {
      marks.push(backlog);
      return mark(backlog);
    });

    expect(await t.app.get(ActionHandlerService).processDue()).toBe(600);
    expect(marks).toEqual([true, false]);
    expect(await redis.exists(engineBacklogKey(t.config.queuePrefix))).toBe(0);
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM deliveries WHERE council_id = $1 AND status = 'pending'`, [council.id]);
    expect(rows).toHaveLength(600);
    await eventually(async () => {
      const queued = (await Promise.all(rows.map((r) => queue.getJob(r.id)))).filter(Boolean);
      // The second batch (100, not full) was queued after its commit; the first 500 wait for the sweep.
      expect(queued).toHaveLength(100);
    }, 5_000);
    const sweeps = (await queue.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.id?.startsWith(AFTER_BURST_SWEEP));
    expect(sweeps).toHaveLength(1);
  });
});
