import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../../src/audit/audit.service';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/inbox';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { BURST_POLICY, seedBurst, tallyBurst, waitForBurst, type BurstTally } from '../support/reminder-burst';
import { startWorkerProcess, type WorkerEnv, type WorkerProcess } from '../support/worker-process';
import { buildWorld, type World } from '../support/world';

/**
 * Faults in the middle of a burst of due actions, each counted against the expected set: nothing
 * lost, nothing twice. Every test has a Redis of its own on a free port (the machine's Redis on 6379
 * is never touched), real worker processes started from src/worker.ts, and the API in-process with
 * role `api`, all on this run's database.
 */
const RESOLUTIONS = 300;
const FIRST_DUE_MS = 3_000;
const LAST_DUE_MS = 6_000;
/** Between the first action (due −1 s) and the last (due +2 s): the middle of the burst. */
const MIDDLE_MS = 4_500;

const ALL_WELL: Partial<BurstTally> = {
  actionsExpected: RESOLUTIONS * 4,
  actionsDone: RESOLUTIONS * 4,
  actionsNotDone: 0,
  actionKeysNotOnce: 0,
  noticesLost: 0,
  noticesDuplicated: 0,
  noticesUnexpected: 0,
  noticesFromNoDoneAction: 0,
  escalationEventsWrong: 0,
  levelsWrong: 0,
};

/** Nothing lost, nothing twice; six notices per resolution, less "due soon" reminders carried out late. */
function expectAllWell(tally: BurstTally): void {
  expect(tally).toMatchObject(ALL_WELL);
  expect(tally.noticesExpected).toBe(RESOLUTIONS * 6 - tally.dueSoonSilencedLate);
}

describe('reminder engine under faults: 0 lost, 0 duplicated', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let w: World;
  let workerEnv: WorkerEnv;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    redis = await startPrivateRedis();
    const env = { REDIS_URL: redis.url, DISPATCH_EVERY_MS: '500', DISPATCH_HORIZON_SECONDS: '30' };
    t = await startTestApp({ role: 'api', realClock: true, env });
    w = await buildWorld(t, BURST_POLICY);
    workerEnv = {
      ...env,
      DATABASE_URL: process.env.DATABASE_URL!,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
      REMINDER_CONCURRENCY: '4',
      DB_POOL_SIZE: '10',
    };
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((p) => p.stop()));
    await t?.close();
    await redis?.stop();
  });

  async function startWorkers(n: number): Promise<void> {
    workers.push(
      ...(await Promise.all(Array.from({ length: n }, (_, i) => startWorkerProcess(workerEnv, `worker-${workers.length + i}`)))),
    );
  }

  /** Seeds the burst, runs `fault` in its middle, waits for the burst to settle, answers the tally. */
  async function burstWith(fault: () => Promise<void>): Promise<BurstTally> {
    const seededAt = Date.now();
    const burst = await seedBurst(t, w, RESOLUTIONS, FIRST_DUE_MS, LAST_DUE_MS);
    await sleep(Math.max(0, seededAt + MIDDLE_MS - Date.now()));
    const [{ n: doneBefore }] = await t.db.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM scheduled_actions WHERE resolution_id = ANY($1) AND status = 'done'",
      [burst.resolutionIds],
    );
    await fault();
    await waitForBurst(t, burst);
    const tally = await tallyBurst(t, w, burst);
    console.log(
      `${expect.getState().currentTestName}: ${doneBefore} of ${tally.actionsExpected} actions done when the fault hit; ${JSON.stringify(tally)}`,
    );
    // The fault did land in the middle: some actions were done before it, some after.
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(tally.actionsExpected);
    expect((await t.app.get(AuditService).verify(w.councilId)).ok).toBe(true);
    return tally;
  }

  it('kill -9 of a worker in the middle of the burst: the other carries on, a new one joins', async () => {
    await startWorkers(2);
    const tally = await burstWith(async () => {
      await workers[0].kill9();
      await startWorkers(1);
    });
    expectAllWell(tally);
  }, 90_000);

  it('kill -9 of a worker stuck in the last batch of the burst: a new worker sweeps at once', async () => {
    await startWorkers(1);
    // All deadlines at one instant: four buckets (reminder, levels 1–3), the last at `lastFireAt`.
    const burst = await seedBurst(t, w, RESOLUTIONS, FIRST_DUE_MS, FIRST_DUE_MS);
    // Just before the last bucket, hold the council's chain head: its batch (which writes escalation
    // events) blocks inside its transaction, its fire job active in the worker we then kill. No later
    // bucket is left to pick its rows up, and re-adding that bucket is a no-op while the dead job
    // keeps its id.
    await sleep(Math.max(0, burst.lastFireAt.getTime() - 300 - Date.now()));
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('SELECT 1 FROM councils WHERE id = $1 FOR UPDATE', [w.councilId]);
    await eventually(
      async () => {
        const [{ n }] = await t.db.query<{ n: number }[]>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        expect(n).toBeGreaterThan(0);
      },
      5_000,
      50,
    );
    await workers[0].kill9();
    await blocker.rollbackTransaction();
    await blocker.release();
    await startWorkers(1);
    const readyAt = Date.now();
    await waitForBurst(t, burst, 45_000);
    const tally = await tallyBurst(t, w, burst);
    const [{ last }] = await t.db.query<{ last: Date }[]>(
      'SELECT max(handled_at) AS last FROM scheduled_actions WHERE resolution_id = ANY($1)',
      [burst.resolutionIds],
    );
    const afterReady = new Date(last).getTime() - readyAt;
    expect((await t.app.get(AuditService).verify(w.councilId)).ok).toBe(true);
    console.log(`stuck last batch, kill -9: last action handled ${afterReady} ms after the new worker was ready; ${JSON.stringify(tally)}`);
    expectAllWell(tally);
    // Not left to BullMQ's stalled-job check (30 s and more): the dispatcher's sweep fires the rows.
    expect(afterReady).toBeLessThan(5_000);
  }, 90_000);

  it('FLUSHALL on Redis in the middle of the burst: the dispatcher rebuilds the near future from PostgreSQL', async () => {
    await startWorkers(1);
    const tally = await burstWith(() => redis.flushAll());
    expectAllWell(tally);
  }, 90_000);

  it('Redis stopped and restarted empty in the middle of the burst: workers reconnect and catch up', async () => {
    await startWorkers(1);
    const tally = await burstWith(() => redis.restart(1_500));
    expectAllWell(tally);
  }, 90_000);

  it('two workers running at once for the whole burst split it without doing anything twice', async () => {
    await startWorkers(2);
    const tally = await burstWith(async () => undefined);
    expectAllWell(tally);
    // No fault: every action on time (a generous bound for a loaded 2-core machine).
    expect(tally.latenessMaxMs).toBeLessThan(2_000);
  }, 90_000);
});
