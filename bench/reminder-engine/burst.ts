import { setTimeout as sleep } from 'node:timers/promises';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process';
import { createCouncils, loadResolutions, type Bench, type BenchCouncil } from './fixtures';
import { rawBaseline } from './raw-baseline';

/**
 * A seconds-scale policy like the engine tests': each resolution has one action, escalation level 1
 * at its deadline, telling the owner (a notification, the level raised, an event in the chain).
 */
export const BURST_POLICY = {
  calendar: 'all',
  quietHours: null,
  acceptance: { within: 'PT1H', remindEvery: 'PT1H' },
  beforeDue: [],
  escalation: [{ after: 'PT0S', level: 1, notify: ['owner'] }],
  progressReport: null,
  stagnation: null,
};

export interface PhaseFigures {
  actions: number;
  /** Actions carried out per second, from the first instant to the moment none was left pending. */
  perSecond: number;
  latenessMs: { p50: number; p99: number; max: number };
  lost: number;
  duplicated: number;
}

export interface BurstFigures {
  rawPerSecond: number;
  /** All actions due within one minute, evenly: the steady state (lateness). */
  spread: PhaseFigures;
  /** All actions due at the same instant: the backlog a busy moment makes (throughput). */
  instant: PhaseFigures;
}

/**
 * 100,000 resolutions (by default) twice over: once due evenly over one minute, once all at one
 * instant 15 s after that minute ends; two worker processes handle both. Raw BullMQ runs first on
 * the same Redis with the same processes and concurrency.
 */
export async function runBurst(bench: Bench, count: number): Promise<BurstFigures> {
  const rawPerSecond = await rawBaseline(bench.workerEnv, count, 2);
  console.log(`raw BullMQ, 2 processes × concurrency ${bench.workerEnv.REMINDER_CONCURRENCY}: ${rawPerSecond.toFixed(0)} jobs/s`);

  const spreadCouncils = await createCouncils(bench.db, 10, BURST_POLICY);
  const instantCouncils = await createCouncils(bench.db, 10, BURST_POLICY);
  const lead = Number(process.env.BENCH_LEAD_SECONDS ?? 45) * 1000;
  const spreadFrom = Date.now() + lead;
  const instantAt = spreadFrom + 75_000;
  const subject = (dueAt: Date) => ({
    status: 'in_progress' as const,
    priority: 'normal' as const,
    dueAt,
    assignedAt: new Date(),
    acceptedAt: new Date(),
    lastProgressAt: null,
    lastReportCycleAt: null,
  });
  await loadResolutions(bench, spreadCouncils, count, (i) => subject(new Date(spreadFrom + Math.floor((60_000 * i) / count))));
  await loadResolutions(bench, instantCouncils, count, () => subject(new Date(instantAt)));
  if (Date.now() > spreadFrom - 10_000) throw new Error('loading took longer than BENCH_LEAD_SECONDS allows; raise it');

  const workers: WorkerProcess[] = await Promise.all([0, 1].map((i) => startWorkerProcess(bench.workerEnv, `engine-${i}`)));
  try {
    const spreadSettled = await waitUntilSettled(bench, spreadCouncils, spreadFrom + 60_000);
    const spread = await phaseFigures(bench, spreadCouncils, count, spreadFrom, spreadSettled);
    console.log(`spread over one minute: ${JSON.stringify(spread)}`);
    const instantSettled = await waitUntilSettled(bench, instantCouncils, instantAt);
    const instant = await phaseFigures(bench, instantCouncils, count, instantAt, instantSettled);
    console.log(`all at one instant: ${JSON.stringify(instant)}`);
    return { rawPerSecond, spread, instant };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/**
 * Waits until `after` has passed and no action of these councils is pending (bounded: 10 minutes);
 * answers when it saw that (polled every 50 ms).
 */
export async function waitUntilSettled(bench: Bench, councils: BenchCouncil[], after: number): Promise<number> {
  const ids = councils.map((c) => c.id);
  const until = after + 600_000;
  while (Date.now() < until) {
    // EXISTS stops at the first pending row: the poll must not take a share of PostgreSQL from what it measures.
    const [{ pending }] = await bench.db.query<{ pending: boolean }[]>(
      "SELECT EXISTS (SELECT 1 FROM scheduled_actions WHERE council_id = ANY($1) AND status = 'pending') AS pending",
      [ids],
    );
    if (!pending && Date.now() > after) return Date.now();
    await sleep(100);
  }
  throw new Error('actions still pending ten minutes after their instant');
}

export async function phaseFigures(
  bench: Bench,
  councils: BenchCouncil[],
  expected: number,
  firstDue: number,
  settled: number,
): Promise<PhaseFigures> {
  const ids = councils.map((c) => c.id);
  const [late] = await bench.db.query(
    `SELECT count(*)::int AS done,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
       FROM (SELECT extract(epoch FROM handled_at - fire_at) * 1000 AS ms FROM scheduled_actions WHERE council_id = ANY($1) AND status = 'done') x`,
    [ids],
  );
  // Every action tells its owner once: one notification per done action, one event per level raised.
  const [notices] = await bench.db.query(
    `SELECT count(*)::int AS total, count(DISTINCT (n.resolution_id, n.kind, n.level, n.person_id))::int AS distinct_notices,
            count(DISTINCT source_key) FILTER (WHERE a.status = 'done')::int AS from_done
       FROM notifications n LEFT JOIN scheduled_actions a ON 'action:' || a.id = n.source_key
      WHERE n.council_id = ANY($1)`,
    [ids],
  );
  const [events] = await bench.db.query(
    "SELECT count(*)::int AS n FROM events WHERE council_id = ANY($1) AND action = 'resolution.escalated'",
    [ids],
  );
  const lost = expected - Math.min(late.done, notices.from_done, events.n);
  const duplicated = notices.total - notices.distinct_notices + Math.max(0, events.n - expected) + Math.max(0, late.done - expected);
  return {
    actions: late.done,
    perSecond: late.done / ((settled - firstDue) / 1000),
    latenessMs: { p50: Math.round(late.p50), p99: Math.round(late.p99), max: Math.round(late.max) },
    lost,
    duplicated,
  };
}
