/**
 * Webhook delivery throughput (issue 8, "Speed"): deliveries per second from the outbox to a loopback
 * sink through the whole engine (BullMQ job, claim in PostgreSQL, message built from the rows, Standard
 * Webhooks signature, pinned HTTP connection, settle), beside a bare undici client posting the same
 * signed bodies to the same sink in the same run. Counts what the sink received: every webhook-id once.
 * The two alternate, round after round (bare, engine, bare, engine …), and the verdict is the median of
 * the rounds' ratios: a noisy moment of the machine hurts both alike. Each round also says where a
 * delivery's CPU goes (this process, which runs the worker and the sink; PostgreSQL; Redis).
 *
 * The jobs are queued by a separate producer process (outbox-producer.ts), as in a deployment, where the
 * process that wrote the notifications queues them and the worker only sends; BENCH_PRODUCER=worker
 * queues them from the worker's own process instead.
 *
 *   npm run bench:delivery        (BENCH_DELIVERIES per round, default 50000; BENCH_ROUNDS, default 3;
 *                                  DELIVERY_CONCURRENCY; BENCH_PRODUCER=worker)
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { Agent, request } from 'undici';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/env';
import { runMigrations } from '../../src/database/run-migrations';
import { DeliveryQueue } from '../../src/notifications/delivery/delivery-queue.service';
import { standardWebhookHeaders } from '../../src/notifications/delivery/signers';
import { cpuMeter, type CpuSplit } from '../support/cpu';
import { cpuMs, finish, medianOf, percent, rate } from '../support/report';
import { BENCH_SECRETS } from '../support/secrets';
import { clearQueues } from '../support/service';

const N = Number(process.env.BENCH_DELIVERIES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_WORKER = process.env.BENCH_PRODUCER === 'worker';
const CONCURRENCY = 16;
const SECRET = `whsec_${Buffer.from('bench secret of thirty-two bytes').toString('base64')}`;

/** A sink that answers 204 and counts each webhook-id it sees. */
async function startSink() {
  const seen = new Map<string, number>();
  let total = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      total += 1;
      const id = String(req.headers['webhook-id']);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    counts: () => ({ total, unique: seen.size }),
    reset: () => {
      seen.clear();
      total = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** CPU per item, in ms, by part: where a delivery's time goes (this process also runs the sink). */
function perItem(split: CpuSplit, n: number, producerMs = 0): Round['cpu'] {
  return { process: split.process / n, producer: producerMs / n, postgres: split.postgres / n, redis: split.redis / n };
}

const describeCpu = (r: Round) =>
  `cpu/delivery: this process ${cpuMs(r.cpu.process)} (event loop ${percent(r.loopBusy)} busy)${r.cpu.producer ? `, producer ${cpuMs(r.cpu.producer)}` : ''}, PostgreSQL ${cpuMs(r.cpu.postgres)}, Redis ${cpuMs(r.cpu.redis)}`;

/** The outbox's producer side in a process of its own (outbox-producer.ts), as in a deployment. */
async function startProducer(env: Record<string, string>) {
  const child: ChildProcess = fork(join(__dirname, `outbox-producer${extname(__filename)}`), [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_PRODUCER_ENV: JSON.stringify(env) },
  });
  // A producer that dies fails the answer being waited for (and every later one) instead of hanging the bench.
  let gone: Error | null = null;
  let waiting: ((err: Error) => void) | null = null;
  child.on('error', () => undefined);
  child.on('exit', (code) => {
    gone = new Error(`the producer exited (${code})`);
    waiting?.(gone);
  });
  const next = () =>
    new Promise<{ done?: boolean; ready?: boolean; cpuMs?: number }>((resolve, reject) => {
      if (gone) return reject(gone);
      waiting = reject;
      child.once('message', resolve);
    });
  await next();
  return {
    /** Queues the rows; answers the producer's CPU milliseconds once every job is in Redis. */
    enqueue: async (ids: string[]) => {
      const done = next();
      child.send({ ids });
      return (await done).cpuMs ?? 0;
    },
    stop: () => {
      if (!gone && child.connected) child.send({ exit: true });
    },
  };
}

/** The Redis server's process id when it runs on this machine (its CPU is then measured too). */
async function redisPid(url: string): Promise<number | null> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const pid = /process_id:(\d+)/.exec(await redis.info('server'))?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

async function bareUndici(url: string, bodies: string[]): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY });
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const headers = standardWebhookHeaders(SECRET, `msg_bare_${i}`, new Date(), bodies[i]);
        const res = await request(url, {
          method: 'POST',
          body: bodies[i],
          headers: { 'content-type': 'application/json', ...headers },
          dispatcher: agent,
        });
        await res.body.text();
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  await agent.close();
  return bodies.length / seconds;
}

/** What one round of either subject measured. */
interface Round {
  rate: number;
  /** How busy this process's event loop was (the worker and the sink share it): near 1, it is what limits the rate. */
  loopBusy: number;
  cpu: Record<keyof CpuSplit | 'producer', number>;
  received: { total: number; unique: number };
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const name = `duban_bench_delivery_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  const sink = await startSink();
  try {
    await runMigrations(databaseUrl);
    // What the engine would send: the same JSON shape, for the bare client.
    const sample = JSON.stringify({
      type: 'notification.created',
      timestamp: new Date().toISOString(),
      data: {
        notification: {
          id: randomUUID(),
          kind: 'overdue',
          title: '【催办】拆除违建厂房已逾期',
          body: '第12号事项「拆除违建厂房」已超过完成时限，请立即办理并报告进展。',
        },
        resolution: null,
      },
    });
    const bodies = Array.from({ length: N }, () => sample);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const channelId = randomUUID();
    const { rows: seeded } = await db.query(
      `WITH o AS (INSERT INTO organizations (name, kind) VALUES ($1, 'company') RETURNING id),
            p AS (INSERT INTO people (username, password_hash, name, organization_id) SELECT $1, 'not-a-hash', $1, id FROM o RETURNING id),
            c AS (INSERT INTO councils (name) VALUES ($1) RETURNING id)
       SELECT p.id AS "personId", c.id AS "councilId" FROM p, c`,
      [`bench-${channelId}`],
    );
    const { personId, councilId } = seeded[0] as { personId: string; councilId: string };
    const [notification] = (
      await db.query(
        `INSERT INTO notifications (person_id, source_key, kind, title, body) VALUES ($1, 'bench', 'overdue', '【催办】拆除违建厂房已逾期', '第12号事项已超过完成时限。') RETURNING id`,
        [personId],
      )
    ).rows as { id: string }[];
    await db.query(`INSERT INTO council_channels (id, council_id, type, name, url, secret) VALUES ($1, $2, 'webhook', 'sink', $3, $4)`, [
      channelId,
      councilId,
      sink.url,
      SECRET,
    ]);
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      QUEUE_PREFIX: `{duban-bench-delivery-${process.pid}}`,
      ...BENCH_SECRETS,
      LOG_LEVEL: 'error',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      DELIVERY_SWEEP_MS: '60000',
      ...(process.env.DELIVERY_CONCURRENCY ? { DELIVERY_CONCURRENCY: process.env.DELIVERY_CONCURRENCY } : {}),
    };
    const config = { ...loadConfig(env), role: 'worker' as const };
    const redis = await redisPid(config.redisUrl);
    const producer = IN_WORKER ? null : await startProducer(env);
    let app: INestApplicationContext | undefined;

    const bareRound = async (): Promise<Round> => {
      sink.reset();
      const meter = await cpuMeter(name);
      const loop = performance.eventLoopUtilization();
      const perSecond = await bareUndici(sink.url, bodies);
      const loopBusy = performance.eventLoopUtilization(loop).utilization;
      return { rate: perSecond, loopBusy, cpu: perItem(await meter.stop(), N), received: sink.counts() };
    };
    const engineRound = async (round: number): Promise<Round> => {
      sink.reset();
      // A fresh outbox each round, so every round starts from the same table.
      await db.query('TRUNCATE deliveries');
      const { rows } = await db.query(
        `INSERT INTO deliveries (cause, channel, target_key, channel_id, notification_id, target, status, next_attempt_at)
         SELECT 'bench:' || $4 || ':' || i, 'webhook', 'channel:' || $1, $1::uuid, $2::uuid, 'http://127.0.0.1/…', 'pending', now()
           FROM generate_series(1, $3) i
         RETURNING id`,
        [channelId, notification.id, N, round],
      );
      const meter = await cpuMeter(name, { redisPid: redis });
      const loop = performance.eventLoopUtilization();
      const began = performance.now();
      // Queued by the producer process while the worker already sends: both inside the measured time.
      // BENCH_PRODUCER=worker queues from the worker's own process instead (its event loop then does both).
      const ids = (rows as { id: string }[]).map((r) => r.id);
      const producerMs = IN_WORKER
        ? app!
            .get(DeliveryQueue)
            .enqueue(ids.map((id) => ({ id, nextAttemptAt: null })))
            .then(() => 0)
        : (producer?.enqueue(ids) ?? Promise.resolve(0));
      producerMs.catch(() => undefined); // awaited below; a producer that died fails the round there
      // The sink says when every message has arrived (no query competes with the engine meanwhile); then the last settles.
      // A minute without a new arrival ends the wait: what is missing then is counted as lost.
      let seen = 0;
      let since = performance.now();
      while (sink.counts().unique < N && performance.now() - since < 60_000) {
        await sleep(20);
        if (sink.counts().unique > seen) [seen, since] = [sink.counts().unique, performance.now()];
      }
      for (;;) {
        const { rows: left } = await db.query("SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'");
        if ((left[0] as { n: number }).n === 0 || performance.now() - since > 60_000) break;
        await sleep(20);
      }
      const seconds = (performance.now() - began) / 1000;
      const loopBusy = performance.eventLoopUtilization(loop).utilization;
      return { rate: N / seconds, loopBusy, cpu: perItem(await meter.stop(), N, await producerMs), received: sink.counts() };
    };

    const bare: Round[] = [];
    const engine: Round[] = [];
    try {
      app = await NestFactory.createApplicationContext(AppModule.forRole('worker', { config }), { logger: ['error'] });
      for (let round = 1; round <= ROUNDS; round++) {
        const b = await bareRound();
        bare.push(b);
        console.log(
          `round ${round}/${ROUNDS} bare undici: ${rate(b.rate)} (${b.received.unique} unique of ${b.received.total}); ${describeCpu(b)}`,
        );
        const e = await engineRound(round);
        engine.push(e);
        console.log(
          `round ${round}/${ROUNDS} engine:      ${rate(e.rate)} (${e.received.unique} unique of ${e.received.total}); ${describeCpu(e)}; ratio ${percent(e.rate / b.rate)}`,
        );
      }
    } finally {
      producer?.stop();
      await app?.close();
      await db.end();
      await clearQueues(env.QUEUE_PREFIX);
    }
    const ratio = medianOf(engine.map((e, i) => e.rate / bare[i].rate));
    const duplicates = engine.reduce((sum, e) => sum + e.received.total - e.received.unique, 0);
    const losses = engine.reduce((sum, e) => sum + N - e.received.unique, 0);
    finish({
      bench: 'delivery-webhook',
      command: `BENCH_DELIVERIES=${N} BENCH_ROUNDS=${ROUNDS}${IN_WORKER ? ' BENCH_PRODUCER=worker' : ''} npm run bench:delivery`,
      figures: { deliveries: N, rounds: ROUNDS, bare, engine, ratio },
      checks: [
        {
          name: 'engine vs bare undici (median of the rounds)',
          measured: `${percent(ratio)} (rounds ${engine.map((e, i) => percent(e.rate / bare[i].rate)).join(', ')}; engine median ${rate(medianOf(engine.map((e) => e.rate)))}, bare median ${rate(medianOf(bare.map((b) => b.rate)))})`,
          target: '≥ 30 %',
          pass: ratio >= 0.3,
        },
        { name: 'duplicates', measured: String(duplicates), target: '0', pass: duplicates === 0 },
        { name: 'losses', measured: `${losses} of ${N * ROUNDS}`, target: '0', pass: losses === 0 },
      ],
    });
  } finally {
    await sink.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
