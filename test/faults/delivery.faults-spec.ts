// Faults during a burst of deliveries: a worker killed with SIGKILL, then Redis losing every key, while
// 1,000 webhook deliveries are under way. PostgreSQL is the truth: a second worker's sweep rebuilds the
// queue, and every delivery reaches the receiver.
//
// Why a message can arrive twice, and only this way: the killed worker had rows claimed (leased) whose
// request the receiver had already accepted, and died before marking them sent. Nothing in the sender
// can tell "accepted, not yet recorded" from "never sent", so when the lease runs out the row is sent
// again — at least once is inherent there. Everything else is exactly once: a live attempt is aborted
// before its lease ends (no second worker can take a row that is still being sent), the sweep and the
// job id keep a row from being queued twice, and settles are fenced by the claimed attempt. So the test
// asserts the precise property: every delivery arrives; each one arrives at most twice; every second
// copy belongs to a row that was claimed and unsettled at the instant of the kill, under the same
// webhook-id (how a Standard Webhooks receiver drops it); rows settled before the kill arrived once.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RobotPeer } from '../support/delivery-peers';
import { eventually } from '../support/inbox';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const N = 1000;
const SECRET = 'whsec_ZmF1bHRzIHRlc3Qgc2VjcmV0IG9mIGVub3VnaCBieXRlcw==';

describe('delivery faults: SIGKILL and a Redis flush during a burst of 1,000', () => {
  let redis: PrivateRedis;
  let peer: RobotPeer;
  let db: DataSource;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    peer = await new RobotPeer().start();
    db = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
  });

  afterAll(async () => {
    for (const w of workers) await w.stop().catch(() => undefined);
    await db.destroy();
    await peer.close();
    await redis.stop();
  });

  it('every delivery arrives; duplicates only for the messages in flight at the kill, under one webhook-id each', async () => {
    const channelId = randomUUID();
    // A person and a council of their own (the notification and the channel refer to them).
    const [{ personId, councilId }] = await db.query<{ personId: string; councilId: string }[]>(
      `WITH o AS (INSERT INTO organizations (name, kind) VALUES ($1, 'company') RETURNING id),
            p AS (INSERT INTO people (username, password_hash, name, organization_id) SELECT $1, 'not-a-hash', $1, id FROM o RETURNING id),
            c AS (INSERT INTO councils (name) VALUES ($1) RETURNING id)
       SELECT p.id AS "personId", c.id AS "councilId" FROM p, c`,
      [`faults-${channelId}`],
    );
    const [notification] = await db.query<{ id: string }[]>(
      `INSERT INTO notifications (person_id, source_key, kind, title, body) VALUES ($1, $2, 'overdue', '逾期', '第1号事项已逾期') RETURNING id`,
      [personId, `faults:${channelId}`],
    );
    await db.query(`INSERT INTO council_channels (id, council_id, type, name, url, secret) VALUES ($1, $2, 'webhook', 'sink', $3, $4)`, [
      channelId,
      councilId,
      peer.robot('webhook', 'burst', SECRET),
      SECRET,
    ]);
    // The outbox as the notifications' transaction leaves it: rows only, nothing queued yet.
    await db.query(
      `INSERT INTO deliveries (cause, channel, target_key, channel_id, notification_id, target, status, next_attempt_at)
       SELECT 'faults:' || i, 'webhook', 'channel:' || $1, $1::uuid, $2::uuid, 'http://127.0.0.1/…', 'pending', now() FROM generate_series(1, $3) i`,
      [channelId, notification.id, N],
    );
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `{faults-${process.pid}}`,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      DELIVERY_SWEEP_MS: '300',
      // Requests are aborted at half the lease (3 s): room for a busy machine, short enough for the test.
      DELIVERY_LEASE_MS: '6000',
      DELIVERY_CONCURRENCY: '16',
      DB_POOL_SIZE: '10',
      LOG_LEVEL: 'log',
    };
    const sent = async () =>
      (
        await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM deliveries WHERE channel_id = $1 AND status = 'sent'`, [channelId])
      )[0].n;

    const first = await startWorkerProcess(env, 'worker 1');
    workers.push(first);
    await eventually(async () => expect(peer.delivered('burst').length).toBeGreaterThanOrEqual(N / 4), 60_000, 20);
    await first.kill9();
    const atKill = await sent();
    expect(atKill).toBeLessThan(N);
    // The rows the dead worker held: claimed (an attempt counted, a lease set) and not settled.
    const inFlight = new Set(
      (
        await db.query<{ id: string }[]>(
          `SELECT id FROM deliveries WHERE channel_id = $1 AND status = 'pending' AND attempts > 0 AND lease_until IS NOT NULL`,
          [channelId],
        )
      ).map((r) => `msg_${r.id}`),
    );
    const settledBeforeKill = new Set(
      (await db.query<{ id: string }[]>(`SELECT id FROM deliveries WHERE channel_id = $1 AND status = 'sent'`, [channelId])).map(
        (r) => `msg_${r.id}`,
      ),
    );
    await redis.flushAll();

    const second = await startWorkerProcess(env, 'worker 2');
    workers.push(second);
    await eventually(async () => expect(await sent()).toBe(N), 90_000, 200);

    const received = peer.delivered('burst');
    const copies = new Map<string, number>();
    for (const r of received) copies.set(r.webhookId!, (copies.get(r.webhookId!) ?? 0) + 1);
    expect(copies.size).toBe(N);
    expect(received.every((r) => r.verified && r.webhookId?.startsWith('msg_'))).toBe(true);
    const doubled = [...copies].filter(([, n]) => n > 1).map(([id]) => id);
    // No message more than twice, and a second copy only for a row the dead worker held at the kill.
    expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
    expect(doubled.filter((id) => !inFlight.has(id))).toEqual([]);
    for (const id of settledBeforeKill) expect(copies.get(id)).toBe(1);
    // The dead worker held at most its concurrency (16) rows; a row was attempted again only if it was one of them.
    expect(inFlight.size).toBeLessThanOrEqual(16);
    const retried = await db.query<{ id: string; attempts: number }[]>(
      `SELECT id, attempts FROM deliveries WHERE channel_id = $1 AND attempts > 1`,
      [channelId],
    );
    expect(retried.filter((r) => r.attempts > 2 || !inFlight.has(`msg_${r.id}`))).toEqual([]);
    console.log(
      `faults: ${atKill} sent before the kill, ${inFlight.size} in flight at it; ${doubled.length} of them arrived twice (same webhook-id), ${N} unique`,
    );
  }, 180_000);
});
