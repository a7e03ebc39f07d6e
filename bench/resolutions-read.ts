/**
 * Reading: `GET /resolutions?councilId=…&overdue=true` (50 items, as a supervisor of that council)
 * against the very SQL statement it runs, sent straight through a bare `pg` pool at the same
 * concurrency; and `GET /resolutions/:id` on random ids. 100,000 resolutions, 20 councils.
 *
 *   npx nest build && node dist/bench/resolutions-read.js
 */
import { Pool } from 'pg';
import { ResolutionListService } from '../src/resolutions/resolution-list.service';
import { ResolutionsService } from '../src/resolutions/resolutions.service';
import { freshBenchDatabase, withClient } from './support/dataset';
import { withCpu } from './support/cpu';
import { loadCouncils, shuffled, type CouncilFixture } from './support/fixture';
import { brief, InProcessService, type Statement } from './support/in-process';
import { httpLoad, interleave, LOAD_ENGINE, pairedRatio, taskLoad, type RequestSpec } from './support/load';
import type { Running } from './support/processes';
import { describe, finish, ms, percent, rate, type BenchReport } from './support/report';
import { BENCH_DB, clearQueues, loginAll, startService } from './support/service';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** The service's pool (DB_POOL_SIZE, default 20): the direct run gets the same number of connections. */
const POOL_SIZE = Number(process.env.DB_POOL_SIZE ?? 20);
/** Connections for the latency-without-queueing runs. */
const FEW = 4;

export async function runResolutionsRead(): Promise<BenchReport> {
  const url = await freshBenchDatabase();
  const councils = await loadCouncils(url);
  const profile = await profileRequests(url, councils);
  const service = await startService(url);
  const pool = new Pool({ connectionString: url, max: POOL_SIZE });
  try {
    const tokens = await loginAll(
      service.url,
      councils.map((c) => c.supervisor.username),
    );
    const listRequests: RequestSpec[] = councils.map((c) => ({
      method: 'GET',
      path: `/api/v1/resolutions?councilId=${c.id}&overdue=true`,
      token: tokens.get(c.supervisor.username),
    }));
    await expectFullPages(service, listRequests);
    const getRequests = await randomGets(url, councils, tokens);
    const direct = profile.listSql;

    // Warm-up: JIT, pools, caches, on both sides.
    await httpLoad({ url: service.url, duration: 3, requests: listRequests });
    await httpLoad({ url: service.url, duration: 3, requests: getRequests });
    await taskLoad((i) => pool.query(direct[i % direct.length].sql, direct[i % direct.length].params), {
      connections: CONNECTIONS,
      duration: 3,
    });

    console.log(`${LOAD_ENGINE}, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s, alternating:`);
    const r = await interleave(ROUNDS, {
      directSql: () =>
        withCpu(BENCH_DB, 'self', () =>
          taskLoad((i) => pool.query(direct[i % direct.length].sql, direct[i % direct.length].params), {
            connections: CONNECTIONS,
            duration: SECONDS,
          }),
        ),
      list: () => withCpu(BENCH_DB, service.pid, () => httpLoad({ url: service.url, duration: SECONDS, requests: listRequests })),
      get: () => withCpu(BENCH_DB, service.pid, () => httpLoad({ url: service.url, duration: SECONDS, requests: getRequests })),
    });
    // 50 connections keep 50 requests in the service at all times, so p50 ≈ 50 ÷ throughput (Little's
    // law): the latency of one request, queueing aside, shows with a handful of connections.
    const few = {
      list: await httpLoad({ url: service.url, connections: FEW, duration: SECONDS, requests: listRequests }),
      get: await httpLoad({ url: service.url, connections: FEW, duration: SECONDS, requests: getRequests }),
    };
    console.log(
      `at ${FEW} connections: list ${rate(few.list.requestsPerSecond)}, p50 ${ms(few.list.p50)}, p99 ${ms(few.list.p99)}; get ${rate(few.get.requestsPerSecond)}, p50 ${ms(few.get.p50)}, p99 ${ms(few.get.p99)}`,
    );
    const ratio = pairedRatio(r.list, r.directSql);
    console.log(describe(`list SQL straight through pg (pool ${POOL_SIZE})`, r.directSql));
    console.log(describe('GET /resolutions?councilId&overdue=true', r.list));
    console.log(describe('GET /resolutions/:id', r.get));
    console.log(`list ÷ its SQL run directly: ${percent(ratio)} (median of the rounds' ratios)`);
    return finish({
      bench: 'resolutions-read',
      command: 'node dist/bench/resolutions-read.js',
      figures: {
        engine: LOAD_ENGINE,
        connections: CONNECTIONS,
        poolSize: POOL_SIZE,
        directSql: r.directSql,
        list: r.list,
        get: r.get,
        ratio,
        fewConnections: { connections: FEW, ...few },
        statements: profile.summary,
      },
      checks: [
        { name: 'list ÷ its SQL run directly (requests/s)', measured: percent(ratio), target: '≥ 25 %', pass: ratio >= 0.25 },
        { name: 'list p99', measured: ms(r.list.p99), target: '≤ 50 ms', pass: r.list.p99 <= 50 },
        { name: 'GET /resolutions/:id p99', measured: ms(r.get.p99), target: '≤ 50 ms', pass: r.get.p99 <= 50 },
      ],
    });
  } finally {
    await pool.end();
    await service.stop();
    await clearQueues();
  }
}

/**
 * Runs one list and one read in-process with the service's own providers and records every
 * statement: the list's SELECT becomes the direct-SQL baseline, the rest is the per-request cost.
 */
async function profileRequests(url: string, councils: CouncilFixture[]) {
  const app = await InProcessService.start(url);
  try {
    const lists = app.app.get(ResolutionListService);
    const reads = app.app.get(ResolutionsService);
    const listSql: Statement[] = [];
    const summary: Record<string, string[]> = {};
    for (const [i, c] of councils.entries()) {
      // The guard loads the caller on every request; then the list runs (its council context cached after the first time).
      const guard = await app.record(() => app.principal(c.supervisor.id));
      const list = await app.record(() => lists.list(guard.result!, { councilId: c.id, overdue: 'true' }));
      if (list.result.items.length !== 50) throw new Error(`council ${c.id}: expected 50 overdue items, got ${list.result.items.length}`);
      const select = list.statements.filter((s) => /FROM "resolutions"/.test(s.sql));
      if (select.length !== 1) throw new Error(`expected one SELECT on resolutions per list, saw ${select.length}`);
      listSql.push(select[0]);
      if (i === 0) summary['list (first, cold council context)'] = [...guard.statements, ...list.statements].map((s) => brief(s.sql));
      if (i === 0) {
        const warm = await app.record(async () =>
          lists.list((await app.principal(c.supervisor.id))!, { councilId: c.id, overdue: 'true' }),
        );
        summary['list (warm)'] = warm.statements.map((s) => brief(s.sql));
        const one = list.result.items[0].id;
        const get = await app.record(async () => reads.get((await app.principal(c.supervisor.id))!, one));
        summary['get by id (warm)'] = get.statements.map((s) => brief(s.sql));
      }
    }
    for (const [k, v] of Object.entries(summary)) console.log(`statements per request, ${k}: ${v.length}\n    ${v.join('\n    ')}`);
    return { listSql, summary };
  } finally {
    await app.close();
  }
}

/** Every list request must answer a full page of 50 (else the comparison is not like for like). */
async function expectFullPages(service: Running, requests: RequestSpec[]): Promise<void> {
  for (const r of requests) {
    const res = await fetch(service.url + r.path, { headers: { authorization: `Bearer ${r.token}` } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || body.items?.length !== 50) throw new Error(`${r.path} → ${res.status}, ${body.items?.length} items`);
  }
}

/** 20,000 random resolutions, each read by a supervisor of its council. */
async function randomGets(url: string, councils: CouncilFixture[], tokens: Map<string, string>): Promise<RequestSpec[]> {
  const { rows } = await withClient(url, (c) => c.query<{ id: string; council_id: string }>('SELECT id, council_id FROM resolutions'));
  const byCouncil = new Map(councils.map((c) => [c.id, tokens.get(c.supervisor.username)!]));
  return shuffled(rows)
    .slice(0, 20_000)
    .map((r) => ({ method: 'GET', path: `/api/v1/resolutions/${r.id}`, token: byCouncil.get(r.council_id) }));
}

if (require.main === module) {
  runResolutionsRead().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
