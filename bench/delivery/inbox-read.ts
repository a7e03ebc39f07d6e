/**
 * Inbox read (issue 8, "Speed"): `GET /notifications?unread=true` for one person who has 10,000
 * notifications (a fifth of them read), at 4 connections, through the service as production runs it
 * (`node dist/src/main.js`); beside it, in the same run and in alternating rounds, the very statement the
 * service runs sent straight through a `pg` pool of 4. Reports p50/p99 and CPU per request (service and
 * PostgreSQL backends). Uses a database of its own, dropped at the end.
 *
 *   npx nest build && node dist/bench/delivery/inbox-read.js      (BENCH_NOTIFICATIONS, BENCH_SECONDS, BENCH_ROUNDS)
 */
import { Client, Pool } from 'pg';
import { runMigrations } from '../../src/database/run-migrations';
import { withCpu } from '../support/cpu';
import { httpLoad, interleave, taskLoad } from '../support/load';
import { cpuMs, finish, ms, rate } from '../support/report';
import { ADMIN, call, clearQueues, dbUrl, login, PG_BASE, startService } from '../support/service';

const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 4;
const DATABASE = `duban_bench_inbox_${process.pid}`;

/** What NotificationsService.inbox sends for the first page of unread notices (TypeORM's SQL, written out). */
const INBOX_SQL = `SELECT n.id, n.person_id, n.source_key, n.kind, n.council_id, n.resolution_id, n.level, n.title, n.body, n.created_at, n.read_at
  FROM notifications n WHERE n.person_id = $1 AND n.read_at IS NULL ORDER BY n.created_at DESC, n.id DESC LIMIT 51`;

async function main(): Promise<void> {
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${DATABASE}"`);
  const url = dbUrl(DATABASE);
  try {
    await runMigrations(url);
    const service = await startService(url);
    const pool = new Pool({ connectionString: url, max: CONNECTIONS });
    try {
      const adminToken = await login(service.url, ADMIN.username, ADMIN.password);
      const org = await call(service.url, 'POST', '/organizations', adminToken, { name: '督查室', kind: 'government' });
      const person = await call(service.url, 'POST', '/people', adminToken, {
        username: 'inbox-reader',
        password: 'bench-password',
        name: '读者',
        organizationId: org.id,
      });
      // 10,000 notices over the last 100 days, every fifth one read; plus 50,000 of other people (the table is not theirs alone).
      await pool.query(
        `INSERT INTO notifications (person_id, source_key, kind, title, body, created_at, read_at)
         SELECT $1, 'bench:' || i, 'overdue', '第' || i || '号事项已逾期', '请尽快办理并报告进展。',
                now() - i * interval '864 seconds', CASE WHEN i % 5 = 0 THEN now() END
           FROM generate_series(1, $2) i`,
        [person.id, NOTIFICATIONS],
      );
      await pool.query(
        `INSERT INTO notifications (person_id, source_key, kind, title, body, created_at)
         SELECT p.id, 'other:' || i, 'due_soon', '即将到期', '请关注。', now() - i * interval '100 seconds'
           FROM generate_series(1, 50000) i CROSS JOIN (SELECT id FROM people WHERE username = 'admin') p`,
      );
      await pool.query('ANALYZE notifications');
      const token = await login(service.url, 'inbox-reader', 'bench-password');
      const page = await call(service.url, 'GET', '/notifications?unread=true', token);
      if (page.items.length !== 50 || page.items.some((n: { readAt: string | null }) => n.readAt !== null))
        throw new Error(`unexpected first page: ${JSON.stringify(page).slice(0, 300)}`);
      const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${INBOX_SQL}`, [person.id])).rows.map((r) => r['QUERY PLAN']).join('\n');
      console.log(plan);

      const runs = await interleave(ROUNDS, {
        service: () =>
          withCpu(DATABASE, service.pid, () =>
            httpLoad({
              url: service.url,
              connections: CONNECTIONS,
              duration: SECONDS,
              requests: [{ method: 'GET', path: '/api/v1/notifications?unread=true', token }],
            }),
          ),
        direct: () =>
          withCpu(DATABASE, 'self', () =>
            taskLoad(() => pool.query(INBOX_SQL, [person.id]), { connections: CONNECTIONS, duration: SECONDS }),
          ),
      });
      const s = runs.service;
      const d = runs.direct;
      console.log(
        `service: ${rate(s.requestsPerSecond)} p50 ${ms(s.p50)} p99 ${ms(s.p99)}; direct SQL: ${rate(d.requestsPerSecond)} p99 ${ms(d.p99)}`,
      );
      finish({
        bench: 'delivery-inbox-read',
        command: 'npx nest build && node dist/bench/delivery/inbox-read.js',
        figures: { notifications: NOTIFICATIONS, service: s, direct: d, plan },
        checks: [
          {
            name: `GET /notifications?unread=true p99 at ${CONNECTIONS} connections (${NOTIFICATIONS} notifications)`,
            measured: `${ms(s.p99)} (p50 ${ms(s.p50)}, ${rate(s.requestsPerSecond)}; the bare statement: p99 ${ms(d.p99)}, ${rate(d.requestsPerSecond)})`,
            target: '≤ 30 ms',
            pass: s.p99 <= 30,
          },
          {
            name: 'CPU per request (service + PostgreSQL)',
            measured: `${cpuMs(s.cpu!.process)} + ${cpuMs(s.cpu!.postgres)} (bare statement: PostgreSQL ${cpuMs(d.cpu!.postgres)})`,
            target: 'reported',
            pass: true,
          },
          { name: 'failed requests', measured: String(s.failed), target: '0', pass: s.failed === 0 },
        ],
      });
    } finally {
      await pool.end();
      await service.stop();
      await clearQueues();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
