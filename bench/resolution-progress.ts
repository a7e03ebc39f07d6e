/**
 * Writing: `POST /resolutions/:id/progress` on distinct in-progress resolutions, each request with
 * the resolution's current version, sent by its owner — beside pgbench's TPC-B rate
 * (`pgbench -c 4 -T 10`) on the same machine, alternating round by round.
 *
 *   npx nest build && node dist/bench/resolution-progress.js
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ResolutionTransitionsService } from '../src/resolutions/resolution-transitions.service';
import { withCpu } from './support/cpu';
import { BENCH_DB, clearQueues, dbUrl, loginAll, startService } from './support/service';
import { freshBenchDatabase, withClient } from './support/dataset';
import { shuffled } from './support/fixture';
import { brief, InProcessService } from './support/in-process';
import { httpLoad, interleave, LOAD_ENGINE, pairedRatio, percentile, type LoadFigures, type RequestSpec } from './support/load';
import { run } from './support/processes';
import { describe, finish, ms, rate, type BenchReport } from './support/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PGBENCH_DB = 'duban_bench_pgbench';
/** Connections for the latency-without-queueing run. */
const FEW = 4;

interface Item {
  id: string;
  version: number;
  progress: number;
  owner: string;
}

export async function runResolutionProgress(): Promise<BenchReport> {
  const url = await freshBenchDatabase();
  await initPgbench();
  const statements = await profileProgress(url);
  const service = await startService(url);
  try {
    const owners = (await inProgress(url)).map((i) => i.owner);
    console.log(`signing in ${new Set(owners).size} owners …`);
    const tokens = await loginAll(service.url, owners);
    const requestsNow = async (): Promise<RequestSpec[]> => {
      await sleep(2000); // requests still in flight when the load generator stopped commit meanwhile
      return shuffled(await inProgress(url), Date.now()).map((i) => ({
        method: 'POST',
        path: `/api/v1/resolutions/${i.id}/progress`,
        token: tokens.get(i.owner),
        body: JSON.stringify({ version: i.version, percent: Math.min(99, i.progress + 1), note: '本周完成现场踏勘，推进中' }),
      }));
    };
    await httpLoad({ url: service.url, duration: 3, requests: await requestsNow() }); // warm-up

    console.log(`${LOAD_ENGINE}, 50 connections, ${ROUNDS} × ${SECONDS} s, alternating with pgbench -c 4 -T ${SECONDS}:`);
    let written = 0;
    const r = await interleave(ROUNDS, {
      pgbench: () => pgbenchRound(),
      progress: async () => {
        const requests = await requestsNow();
        const before = await counts(url);
        const f = await withCpu(BENCH_DB, service.pid, () => httpLoad({ url: service.url, duration: SECONDS, requests }));
        const after = await counts(url);
        if (f.ok > requests.length)
          console.warn(`  ! ${f.ok} transitions > ${requests.length} distinct items: some were sent twice (409s)`);
        // wrk stops counting at the deadline; requests still in flight then are written but not counted.
        const reports = after.reports - before.reports;
        if (reports < f.ok || reports > f.ok + 50) console.warn(`  ! ${f.ok} answers 2xx but ${reports} progress reports written`);
        written += after.events - before.events;
        return f;
      },
    });
    // Latency queueing aside (see resolutions-read): the same requests over a handful of connections.
    const few = await httpLoad({ url: service.url, connections: FEW, duration: SECONDS, requests: await requestsNow() });
    console.log(
      `at ${FEW} connections: ${rate(few.requestsPerSecond)}, p50 ${ms(few.p50)}, p99 ${ms(few.p99)}${few.failed ? `, ${few.failed} FAILED` : ''}`,
    );
    // The floor of queueing at the same concurrency: the simplest write transaction, 50 clients at once.
    const tpcb50 = await pgbenchLatency(50);
    console.log(`pgbench TPC-B, 50 clients: ${rate(tpcb50.requestsPerSecond)}, p50 ${ms(tpcb50.p50)}, p99 ${ms(tpcb50.p99)}`);
    console.log(describe(`pgbench TPC-B, 4 clients (baseline)`, r.pgbench));
    console.log(describe('POST /resolutions/:id/progress', r.progress));
    const perTpcb = pairedRatio(r.progress, r.pgbench);
    console.log(`transitions per TPC-B transaction: ${perTpcb.toFixed(3)}; audit events written: ${written}`);
    return finish({
      bench: 'resolution-progress',
      command: 'node dist/bench/resolution-progress.js',
      figures: {
        engine: LOAD_ENGINE,
        pgbench: r.pgbench,
        progress: r.progress,
        transitionsPerTpcb: perTpcb,
        fewConnections: { connections: FEW, ...few },
        pgbench50: tpcb50,
        statements,
      },
      checks: [
        {
          name: 'progress transitions/s',
          measured: rate(r.progress.requestsPerSecond),
          target: '≥ 400/s',
          pass: r.progress.requestsPerSecond >= 400,
        },
        { name: 'progress p99', measured: ms(r.progress.p99), target: '≤ 100 ms', pass: r.progress.p99 <= 100 },
      ],
    });
  } finally {
    await service.stop();
    await clearQueues();
    await withClient(dbUrl('postgres'), (c) => c.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`));
  }
}

/** Every in-progress resolution with its current version and owner. */
async function inProgress(url: string): Promise<Item[]> {
  const { rows } = await withClient(url, (c) =>
    c.query(
      `SELECT r.id, r.version, r.progress, p.username AS owner FROM resolutions r JOIN people p ON p.id = r.owner_id WHERE r.status = 'in_progress' ORDER BY r.id`,
    ),
  );
  return rows;
}

async function counts(url: string) {
  const { rows } = await withClient(url, (c) =>
    c.query('SELECT (SELECT count(*) FROM progress_reports)::int AS reports, (SELECT count(*) FROM events)::int AS events'),
  );
  return rows[0] as { reports: number; events: number };
}

/** The statements of one progress transition (guard included), recorded in-process. */
async function profileProgress(url: string): Promise<string[]> {
  const [item] = await inProgress(url);
  const ownerId = (await withClient(url, (c) => c.query('SELECT owner_id FROM resolutions WHERE id = $1', [item.id]))).rows[0]
    .owner_id as string;
  const app = await InProcessService.start(url);
  try {
    const transitions = app.app.get(ResolutionTransitionsService);
    const { statements } = await app.record(async () =>
      transitions.progress((await app.principal(ownerId))!, item.id, { version: item.version, percent: 50, note: 'profile' }),
    );
    const lines = statements.map((s) => brief(s.sql));
    console.log(`statements per progress request: ${lines.length}\n    ${lines.join('\n    ')}`);
    return lines;
  } finally {
    await app.close();
  }
}

async function initPgbench(): Promise<void> {
  await withClient(dbUrl('postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${PGBENCH_DB}`);
  });
  console.log('pgbench -i -s 10 …');
  await run('pgbench', ['-i', '-q', '-s', '10', ...pgArgs()]);
}

/** One TPC-B round: tps as requests/s; pgbench reports a latency average (kept as p50), no percentiles. */
async function pgbenchRound(): Promise<LoadFigures> {
  const out = await run('pgbench', ['-c', '4', '-j', '2', '-T', String(SECONDS), '-r', ...pgArgs()]);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  return { requestsPerSecond: tps, p50: latency, p99: NaN, ok: Math.round(tps * SECONDS), failed, seconds: SECONDS };
}

/** TPC-B with `clients` connections, every transaction's latency logged: its rate, p50 and p99. */
async function pgbenchLatency(clients: number): Promise<LoadFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-pgbench-'));
  try {
    const out = await run('pgbench', [
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      '-l',
      `--log-prefix=${join(dir, 'tx')}`,
      ...pgArgs(),
    ]);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
    const latencies: number[] = [];
    for (const file of await readdir(dir)) {
      // Each line: client, transaction number, latency in µs, script, epoch seconds, µs.
      for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) if (line) latencies.push(Number(line.split(' ')[2]) / 1000);
    }
    latencies.sort((a, b) => a - b);
    return {
      requestsPerSecond: tps,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      ok: latencies.length,
      failed: 0,
      seconds: SECONDS,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function pgArgs(): string[] {
  const u = new URL(dbUrl(PGBENCH_DB));
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), PGBENCH_DB];
}

if (require.main === module) {
  runResolutionProgress().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
