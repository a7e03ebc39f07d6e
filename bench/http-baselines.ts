/**
 * Framework overhead: a constant JSON answer from bare `node:http` against the same answer from
 * NestJS on the Fastify adapter (the service's own framework, one controller, nothing else), with
 * Fastify alone beside them to tell the adapter's share from Nest's.
 * Each server runs as its own process; autocannon drives 50 connections from this one.
 *
 *   npx nest build && node dist/bench/http-baselines.js
 */
import { join } from 'node:path';
import { withCpu } from './support/cpu';
import { httpLoad, interleave, LOAD_ENGINE, pairedRatio, type RequestSpec } from './support/load';
import { DIST, startNode, type Running } from './support/processes';
import { describe, finish, percent, type BenchReport } from './support/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET = 0.7;
const CONSTANT: RequestSpec[] = [{ method: 'GET', path: '/' }];

export async function runHttpBaselines(): Promise<BenchReport> {
  const servers: Running[] = [];
  try {
    const bare = await startNode(join(DIST, 'bench/support/servers/bare-http.js'), {}, '/', 'bare-http');
    servers.push(bare);
    const fastify = await startNode(join(DIST, 'bench/support/servers/fastify.js'), { NODE_ENV: 'production' }, '/', 'fastify');
    servers.push(fastify);
    const nest = await startNode(join(DIST, 'bench/support/servers/nest-fastify.js'), { NODE_ENV: 'production' }, '/', 'nest-fastify');
    servers.push(nest);
    // Warm both up (JIT, connection pools) before anything is counted.
    for (const s of servers) await httpLoad({ url: s.url, duration: 3, requests: CONSTANT });

    console.log(`constant answer, ${LOAD_ENGINE}, 50 connections, ${ROUNDS} × ${SECONDS} s, alternating:`);
    const r = await interleave(ROUNDS, {
      bare: () => withCpu('-', bare.pid, () => httpLoad({ url: bare.url, duration: SECONDS, requests: CONSTANT })),
      fastify: () => withCpu('-', fastify.pid, () => httpLoad({ url: fastify.url, duration: SECONDS, requests: CONSTANT })),
      nest: () => withCpu('-', nest.pid, () => httpLoad({ url: nest.url, duration: SECONDS, requests: CONSTANT })),
    });
    const ratio = pairedRatio(r.nest, r.bare);
    // The same comparison by server CPU per request, which other load on the machine hardly moves.
    const cpuRatio = r.bare.cpu!.process / r.nest.cpu!.process;
    const fastifyRatio = pairedRatio(r.fastify, r.bare);
    console.log(describe('bare node:http (baseline)', r.bare));
    console.log(describe('Fastify alone (reference)', r.fastify));
    console.log(describe('NestJS on Fastify', r.nest));
    console.log(
      `NestJS/Fastify ÷ bare: ${percent(ratio)} by requests/s (median of the rounds' ratios), ${percent(cpuRatio)} by server CPU per request; Fastify alone ÷ bare: ${percent(fastifyRatio)}`,
    );
    return finish({
      bench: 'http-baselines',
      command: 'node dist/bench/http-baselines.js',
      figures: { engine: LOAD_ENGINE, bare: r.bare, fastify: r.fastify, nest: r.nest, ratio, cpuRatio, fastifyRatio },
      checks: [
        {
          name: 'NestJS on Fastify ÷ bare node:http (requests/s)',
          measured: percent(ratio),
          target: `≥ ${percent(TARGET)}`,
          pass: ratio >= TARGET,
        },
      ],
    });
  } finally {
    for (const s of servers) await s.stop();
  }
}

if (require.main === module) {
  runHttpBaselines().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
