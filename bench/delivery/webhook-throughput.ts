/**
 * Webhook delivery throughput (issue 8, "Speed"): deliveries per second from the outbox to a loopback
 * sink through the whole engine (BullMQ job, claim in PostgreSQL, message built from the rows, Standard
 * Webhooks signature, pinned HTTP connection, settle), beside a bare undici client posting the same
 * signed bodies to the same sink in the same run. Counts what the sink received: every webhook-id once.
 *
 *   npm run bench:delivery        (BENCH_DELIVERIES sets the number, default 50000)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Agent, request } from 'undici';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/env';
import { runMigrations } from '../../src/database/run-migrations';
import { DeliveryQueue } from '../../src/notifications/delivery/delivery-queue.service';
import { standardWebhookHeaders } from '../../src/notifications/delivery/signers';
import { finish, percent, rate } from '../support/report';
import { BENCH_SECRETS } from '../support/secrets';

const N = Number(process.env.BENCH_DELIVERIES ?? 50_000);
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
    const bare = await bareUndici(
      sink.url,
      Array.from({ length: N }, () => sample),
    );
    const bareCounts = sink.counts();
    sink.reset();
    console.log(`bare undici: ${rate(bare)} (${bareCounts.unique} unique of ${bareCounts.total})`);

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
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: `{duban-bench-delivery-${process.pid}}`,
        ...BENCH_SECRETS,
        LOG_LEVEL: 'error',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        DELIVERY_SWEEP_MS: '60000',
        ...(process.env.DELIVERY_CONCURRENCY ? { DELIVERY_CONCURRENCY: process.env.DELIVERY_CONCURRENCY } : {}),
      }),
      role: 'worker' as const,
    };
    const app = await NestFactory.createApplicationContext(AppModule.forRole('worker', { config }), { logger: ['error'] });
    try {
      const { rows } = await db.query(
        `INSERT INTO deliveries (cause, channel, target_key, channel_id, notification_id, target, status, next_attempt_at)
         SELECT 'bench:' || i, 'webhook', 'channel:' || $1, $1::uuid, $2::uuid, 'http://127.0.0.1/…', 'pending', now() FROM generate_series(1, $3) i
         RETURNING id`,
        [channelId, notification.id, N],
      );
      const began = performance.now();
      await app.get(DeliveryQueue).enqueue((rows as { id: string }[]).map((r) => ({ id: r.id, nextAttemptAt: null })));
      for (;;) {
        const { rows: left } = await db.query("SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'");
        if ((left[0] as { n: number }).n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const seconds = (performance.now() - began) / 1000;
      const engine = N / seconds;
      const counts = sink.counts();
      const { rows: byStatus } = await db.query('SELECT status, count(*)::int AS n FROM deliveries GROUP BY status');
      console.log(`engine: ${rate(engine)} (${counts.unique} unique of ${counts.total}); rows ${JSON.stringify(byStatus)}`);
      finish({
        bench: 'delivery-webhook',
        command: `BENCH_DELIVERIES=${N} npm run bench:delivery`,
        figures: { deliveries: N, bare, engine, received: counts, byStatus },
        checks: [
          {
            name: 'engine vs bare undici',
            measured: `${rate(engine)} / ${rate(bare)} = ${percent(engine / bare)}`,
            target: '≥ 30 %',
            pass: engine / bare >= 0.3,
          },
          { name: 'duplicates', measured: String(counts.total - counts.unique), target: '0', pass: counts.total === counts.unique },
          { name: 'losses', measured: String(N - counts.unique), target: '0', pass: counts.unique === N },
        ],
      });
    } finally {
      await app.close();
      await db.end();
    }
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
