/**
 * The reminder engine's benchmark (issue 3, "Speed"): throughput and lateness of a burst, Redis
 * memory and the dispatcher's tick with a million open items, and the cost of recomputing one
 * item's schedule. Real PostgreSQL (a database of its own), a private Redis with `hz 100`, worker
 * processes started from src/worker.ts. Prints a Markdown section for BENCHMARKS.md and keeps the
 * figures in bench/results/reminder-engine.json.
 *
 *   npm run bench:engine          (BENCH_BURST, BENCH_OPEN, BENCH_SYNC scale it down for a quick look)
 */
import { finish, percent, rate, type Check } from '../support/report';
import { runBurst, type BurstFigures } from './burst';
import { openBench } from './fixtures';
import { runHorizon, type HorizonFigures } from './horizon';
import { runSyncCost, type SyncFigures } from './sync-cost';

const BURST = Number(process.env.BENCH_BURST ?? 100_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 1_000_000);
const SYNC = Number(process.env.BENCH_SYNC ?? 2_000);

async function main(): Promise<void> {
  const bench = await openBench();
  try {
    const burst = await runBurst(bench, BURST);
    const horizon = await runHorizon(bench, OPEN);
    console.log(`horizon: ${JSON.stringify(horizon)}`);
    const sync = await runSyncCost(bench, SYNC);
    console.log(`sync: ${JSON.stringify(sync)}`);
    const report = finish({
      bench: 'reminder-engine',
      command: 'npm run bench:engine',
      figures: { burst, horizon, sync },
      checks: checks(burst, horizon, sync),
    });
    console.log(`\n${markdown(burst, horizon, sync, report.checks, report.machine, report.at)}`);
  } finally {
    await bench.close();
  }
}

function checks(b: BurstFigures, h: HorizonFigures, s: SyncFigures): Check[] {
  const share = b.instant.perSecond / b.rawPerSecond;
  const both = (f: (p: BurstFigures['spread']) => number) => f(b.spread) + f(b.instant);
  return [
    {
      name: `actions/s (${BURST} due at one instant) ÷ raw BullMQ no-op jobs/s`,
      measured: `${rate(b.instant.perSecond)} ÷ ${rate(b.rawPerSecond)} = ${percent(share)}`,
      target: '≥ 15 %',
      pass: share >= 0.15,
    },
    {
      name: `lateness p99 (${BURST} due over one minute)`,
      measured: `${b.spread.latenessMs.p99} ms`,
      target: '≤ 1000 ms',
      pass: b.spread.latenessMs.p99 <= 1000,
    },
    {
      name: `lateness max (${BURST} due over one minute)`,
      measured: `${b.spread.latenessMs.max} ms`,
      target: '≤ 2000 ms',
      pass: b.spread.latenessMs.max <= 2000,
    },
    { name: 'lost actions (both phases)', measured: String(both((p) => p.lost)), target: '0', pass: both((p) => p.lost) === 0 },
    {
      name: 'duplicated actions or notices (both phases)',
      measured: String(both((p) => p.duplicated)),
      target: '0',
      pass: both((p) => p.duplicated) === 0,
    },
    {
      name: `Redis used_memory, ${OPEN} open items, 2 workers`,
      measured: `${h.redisUsedMemoryMb.maxWhileRunning} MB`,
      target: '< 100 MB',
      pass: h.redisUsedMemoryMb.maxWhileRunning < 100,
    },
    { name: 'dispatcher tick, max of 20', measured: `${h.tickMs.max} ms`, target: '< 1000 ms', pass: h.tickMs.max < 1000 },
    {
      name: `dispatcher tick at the busiest instant (${h.peak.rows} rows in one bucket), max of 5`,
      measured: `${h.peak.tickMs.max} ms`,
      target: '< 1000 ms',
      pass: h.peak.tickMs.max < 1000,
    },
    { name: 'schedule recompute p99 (extension)', measured: `${s.extensionMs.p99} ms`, target: '≤ 5 ms', pass: s.extensionMs.p99 <= 5 },
    { name: 'schedule recompute p99 (progress report)', measured: `${s.progressMs.p99} ms`, target: '≤ 5 ms', pass: s.progressMs.p99 <= 5 },
  ];
}

function markdown(b: BurstFigures, h: HorizonFigures, s: SyncFigures, results: Check[], machine: string, at: string): string {
  const late = (p: BurstFigures['spread']) => `p50 ${p.latenessMs.p50} ms, p99 ${p.latenessMs.p99} ms, max ${p.latenessMs.max} ms`;
  return [
    `## Reminder engine (\`npm run bench:engine\`, ${at.slice(0, 10)})`,
    '',
    `Machine: ${machine}. Private Redis (\`hz 100\`), PostgreSQL 15, two worker processes × concurrency ${process.env.BENCH_CONCURRENCY ?? 4}.`,
    '',
    '| figure | measured |',
    '|---|---|',
    `| raw BullMQ, no-op jobs, same processes and concurrency | ${rate(b.rawPerSecond)} |`,
    `| ${BURST} actions due at one instant: carried out | ${rate(b.instant.perSecond)} (${percent(b.instant.perSecond / b.rawPerSecond)} of raw); lateness ${late(b.instant)} (a backlog) |`,
    `| ${BURST} actions due evenly over one minute: lateness (handled − due) | ${late(b.spread)} |`,
    `| lost / duplicated (both phases) | ${b.spread.lost + b.instant.lost} / ${b.spread.duplicated + b.instant.duplicated} |`,
    `| ${h.resolutions} open items, ${h.actionRows} pending actions: Redis used_memory idle / with 2 workers | ${h.redisUsedMemoryMb.idle} MB / ${h.redisUsedMemoryMb.maxWhileRunning} MB |`,
    `| dispatcher tick (20 ticks) | p50 ${h.tickMs.p50} ms, max ${h.tickMs.max} ms |`,
    `| dispatcher tick a minute before the busiest instant (${h.peak.at}, ${h.peak.rows} rows in one bucket) | p50 ${h.peak.tickMs.p50} ms, max ${h.peak.tickMs.max} ms |`,
    `| schedule recompute, extension (${s.iterations} items) | p50 ${s.extensionMs.p50} ms, p99 ${s.extensionMs.p99} ms, max ${s.extensionMs.max} ms |`,
    `| schedule recompute, progress report | p50 ${s.progressMs.p50} ms, p99 ${s.progressMs.p99} ms, max ${s.progressMs.max} ms |`,
    `| planActions alone (default policy, cn calendar) | p50 ${s.planOnlyMs.p50} ms, p99 ${s.planOnlyMs.p99} ms |`,
    '',
    ...results.map((c) => `- ${c.pass ? 'pass' : '**FAIL**'}: ${c.name}: ${c.measured} (target ${c.target})`),
  ].join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
