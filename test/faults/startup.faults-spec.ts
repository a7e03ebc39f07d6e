import { Queue } from 'bullmq';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { createRedis } from '../../src/common/redis';
import { REMINDERS_QUEUE } from '../../src/common/queues';
import { runMigrations } from '../../src/database/run-migrations';
import { freePort } from '../support/private-redis';
import { pollUntil, startServiceProcess, type ServiceProcess } from '../support/service-process';
import { ownPrefix } from '../support/redis-keys';

/**
 * The service as a process: how it starts, fails to start, migrates, reports readiness, logs and
 * stops. Each case spawns `src/main.ts` or `src/worker.ts` (through SWC) and reads its stdout.
 */

// Each case starts real processes; on a busy 2-core machine loading one takes seconds.
jest.setTimeout(120_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Docker's default grace period is 10 s; a stop in any state must take well under it. */
const GRACE_MS = 5_000;
const LOCK_KEY = `hashtextextended('duban.migrations', 0)`;

let processes = 0;
const base = (): Record<string, string> => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  REDIS_URL,
  // Each process its own queues: one's dispatcher tick is its own job.
  QUEUE_PREFIX: ownPrefix(`startup-${++processes}`),
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD: 'admin-password-for-startup',
  LOG_LEVEL: 'log',
  APP_ROLE: 'api',
  PORT: '0',
});

async function waitUntil(condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopped(p: ServiceProcess, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  p.kill(signal);
  const { code, at } = await p.exited;
  return { code, ms: at - sent };
}

describe('start-up failures', () => {
  it('stops at once on SIGTERM or SIGINT while it waits for Redis or PostgreSQL', async () => {
    const cases = await Promise.all(
      (
        [
          ['Redis', 'SIGTERM'],
          ['Redis', 'SIGINT'],
          ['PostgreSQL', 'SIGTERM'],
        ] as const
      ).map(async ([dependency, signal]) => {
        const dead = await freePort();
        const env: Record<string, string> = { ...base(), STARTUP_TIMEOUT_SECONDS: '120', APP_ROLE: 'all' };
        if (dependency === 'Redis') env.REDIS_URL = `redis://127.0.0.1:${dead}`;
        else env.DATABASE_URL = `postgres://postgres@127.0.0.1:${dead}/duban`;
        const p = startServiceProcess(env);
        await p.waitFor((l) => String(l.msg).startsWith(`waiting up to 120 s for ${dependency}`));
        return { dependency, signal, ...(await stopped(p, signal)), output: p.output() };
      }),
    );
    for (const c of cases) {
      expect({ ...c, ms: undefined }).toMatchObject({ code: 0 });
      expect(c.ms).toBeLessThan(GRACE_MS);
    }
  });

  it('prints one line naming DATABASE_URL or REDIS_URL (password masked) and exits 1', async () => {
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const runs = {
      pgUnreachable: { DATABASE_URL: `postgres://postgres:hunter2-secret@127.0.0.1:${pgPort}/duban` },
      pgRefused: { DATABASE_URL: 'postgres://no_such_role_for_duban@127.0.0.1:5432/duban' },
      redisUnreachable: { REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${redisPort}` },
    };
    const results = await Promise.all(
      Object.entries(runs).map(async ([name, env]) => {
        const p = startServiceProcess({ ...base(), STARTUP_TIMEOUT_SECONDS: '0', APP_ROLE: 'all', ...env });
        const { code } = await p.exited;
        return { name, code, lines: p.output().trim().split('\n') };
      }),
    );
    for (const r of results) {
      expect({ name: r.name, code: r.code, lines: r.lines.length }).toEqual({ name: r.name, code: 1, lines: 1 });
      expect(r.lines[0]).not.toContain('hunter2-secret');
      expect(JSON.parse(r.lines[0])).toMatchObject({ level: 'fatal' });
    }
    const [pgUnreachable, pgRefused, redisUnreachable] = results.map((r) => r.lines[0]);
    expect(pgUnreachable).toContain(`PostgreSQL is unreachable (DATABASE_URL=postgres://postgres:***@127.0.0.1:${pgPort}/duban)`);
    expect(pgRefused).toContain('PostgreSQL refused the connection (DATABASE_URL=postgres://no_such_role_for_duban@');
    expect(redisUnreachable).toContain(`Redis is unreachable (REDIS_URL=redis://:***@127.0.0.1:${redisPort})`);
  });

  it('in production refuses placeholder or weak secrets (compose used to fall back to them), one line per variable, exit 1', async () => {
    const p = startServiceProcess({
      ...base(),
      NODE_ENV: 'production',
      JWT_SECRET: 'change-me-to-a-long-random-secret',
      ADMIN_PASSWORD: 'change-me-please',
      AUDIT_KEY: 'short-key-0123456789',
    });
    const { code } = await p.exited;
    const output = p.output();
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(/^ {2}- JWT_SECRET: is a placeholder/),
      expect.stringMatching(/^ {2}- ADMIN_PASSWORD: is a placeholder/),
      expect.stringMatching(/^ {2}- AUDIT_KEY: is too weak: at least 32 characters/),
    ]);
    // The values themselves are not repeated.
    expect(output).not.toMatch(/change-me-to|change-me-please|short-key-0123456789/);
  });
});

describe('a fresh database', () => {
  const name = `duban_test_startup_${Date.now()}_${process.pid}`;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const admin = () => new Client({ connectionString: process.env.DATABASE_URL });
  const fresh = () => new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
  });

  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });

  it('is migrated once by two processes that start together, the second waiting for the lock', async () => {
    // The test holds the migration lock until both processes are waiting for it: then they really
    // start together, whatever the machine's speed.
    const holder = fresh();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
    const env = { ...base(), DATABASE_URL: databaseUrl };
    const replicas = [startServiceProcess(env), startServiceProcess(env)];
    try {
      await Promise.all(replicas.map((p) => p.waitFor('another process holds the migration lock')));
      await holder.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
      await Promise.all(replicas.map((p) => p.waitFor('role=api: API on')));
      const { rows } = await holder.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      expect(rows.map((r) => r.n)).toEqual(MIGRATIONS.map(() => 1));
      const said = replicas.map((p) =>
        p
          .logLines()
          .filter((l) => l.context === 'Migrations')
          .map((l) => String(l.msg)),
      );
      // One applied every migration; the other waited for it, then had nothing to do.
      const applied = said.filter((msgs) => msgs.some((m) => m.startsWith('applied migrations:')));
      expect(applied).toHaveLength(1);
      expect(said.find((msgs) => msgs !== applied[0])).toContain('migrations: the database is up to date');
      for (const p of replicas) expect(await stopped(p, 'SIGTERM')).toEqual({ code: 0, ms: expect.any(Number) });
    } finally {
      replicas.forEach((p) => p.kill('SIGKILL'));
      await holder.end();
    }
  });

  it("the worker's /health/ready is ready while jobs are consumed and not when its queue is paused", async () => {
    // Migrated by whichever test ran first (or here): these processes are told MIGRATIONS=skip.
    await runMigrations(databaseUrl);
    const port = await freePort();
    const env: Record<string, string> = {
      ...base(),
      DATABASE_URL: databaseUrl,
      MIGRATIONS: 'skip',
      HEALTH_PORT: String(port),
      DISPATCH_EVERY_MS: '300',
    };
    const connection = createRedis(REDIS_URL, 'worker');
    const queue = new Queue(REMINDERS_QUEUE, { connection, prefix: env.QUEUE_PREFIX });
    const worker = startServiceProcess(env, 'src/worker.ts');
    const ready = `http://127.0.0.1:${port}/health/ready`;
    try {
      await worker.waitFor('role=worker: processing jobs');
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok' });
      await pollUntil(ready, (status) => status === 200);
      // Redis still answers PING, and the worker process runs; but nobody takes jobs any more.
      await queue.pause();
      const down = await pollUntil(ready, (status) => status === 503);
      expect(down).toMatchObject({ status: 'unavailable', checks: { postgres: 'up', jobs: 'down' } });
      expect(down.reason).toContain('the heartbeat is overdue');
      await queue.resume();
      expect(await pollUntil(ready, (status) => status === 200)).toMatchObject({ checks: { postgres: 'up', jobs: 'up' } });
      const stop = await stopped(worker, 'SIGTERM');
      expect(stop.code).toBe(0);
      expect(stop.ms).toBeLessThan(GRACE_MS);
    } finally {
      worker.kill('SIGKILL');
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('on SIGTERM a worker finishes its active job before it exits, and gives up after SHUTDOWN_TIMEOUT_SECONDS', async () => {
    await runMigrations(databaseUrl);
    // The test locks the table the dispatcher's tick reads: each worker's tick job then hangs, active.
    const locker = fresh();
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE scheduled_actions IN ACCESS EXCLUSIVE MODE');
    const env = { DATABASE_URL: databaseUrl, MIGRATIONS: 'skip', DISPATCH_EVERY_MS: '300' };
    const [patientEnv, hastyEnv] = [base(), base()];
    const patient = startServiceProcess({ ...patientEnv, ...env, SHUTDOWN_TIMEOUT_SECONDS: '60' }, 'src/worker.ts');
    const hasty = startServiceProcess({ ...hastyEnv, ...env, SHUTDOWN_TIMEOUT_SECONDS: '2' }, 'src/worker.ts');
    try {
      await Promise.all([patient, hasty].map((p) => p.waitFor('role=worker: processing jobs')));
      await waitUntil(async () => {
        const { rows } = await locker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].n >= 2;
      });
      const [patientStop, hastyStop] = [stopped(patient, 'SIGTERM'), stopped(hasty, 'SIGTERM')];
      // The hasty one gives up on its hanging job when its limit is reached, well within the grace period.
      const gaveUp = await hastyStop;
      expect(gaveUp.code).toBe(1);
      expect(gaveUp.ms).toBeLessThan(GRACE_MS);
      expect(hasty.output()).toContain('not stopped within 2 s');
      // The patient one is still draining; once its job can finish, it exits cleanly.
      expect(patient.output()).toContain('SIGTERM: stopping');
      expect(patient.output()).not.toContain('"msg":"stopped"');
      await locker.query('COMMIT');
      expect((await patientStop).code).toBe(0);
      expect(patient.output()).toContain('"msg":"stopped"');
    } finally {
      [patient, hasty].forEach((p) => p.kill('SIGKILL'));
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
      // Their queues (the dispatcher's scheduler) go with them.
      const connection = createRedis(REDIS_URL, 'worker');
      for (const { QUEUE_PREFIX } of [patientEnv, hastyEnv]) {
        const queue = new Queue(REMINDERS_QUEUE, { connection, prefix: QUEUE_PREFIX });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      connection.disconnect();
    }
  });

  it('names each request in its answer and its log lines, and never logs a password or its hash', async () => {
    await runMigrations(databaseUrl);
    const port = await freePort();
    const api = startServiceProcess({ ...base(), DATABASE_URL: databaseUrl, MIGRATIONS: 'skip', LOG_LEVEL: 'debug', PORT: String(port) });
    const db = fresh();
    await db.connect();
    try {
      await api.waitFor('role=api: API on');
      const call = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}/api/v1${path}`, init);
      const json = { 'content-type': 'application/json' };
      const login = await call('/auth/login', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ username: 'admin', password: 'admin-password-for-startup' }),
      });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const auth = { ...json, authorization: `Bearer ${token}` };
      const org = await call('/organizations', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: '城建办', kind: 'subdistrict_office' }),
      });
      const organizationId = ((await org.json()) as { id: string }).id;

      // The database refuses this row (a CHECK the test adds), so the INSERT with the hash fails.
      await db.query(`ALTER TABLE people ADD CONSTRAINT startup_test_reject CHECK (username <> 'refused-by-db')`);
      const password = 'a-password-that-never-shows';
      const res = await call('/people', {
        method: 'POST',
        headers: { ...auth, 'x-request-id': 'startup-test-1' },
        body: JSON.stringify({ username: 'refused-by-db', name: '王五', password, organizationId }),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-request-id')).toBe('startup-test-1');
      expect(await res.json()).toMatchObject({ code: 'DB_23514', requestId: 'startup-test-1' });

      // No id, or one that is not plain: the service makes a UUID, in the header and in the body.
      for (const headers of [{}, { 'x-request-id': 'not a sane id\u00e9' }]) {
        const missing = await call('/no-such-path', { headers });
        const id = missing.headers.get('x-request-id');
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(((await missing.json()) as { requestId: string }).requestId).toBe(id);
      }

      await api.waitFor((l) => l.requestId === 'startup-test-1' && l.msg === 'request completed');
      const lines = api.logLines().filter((l) => l.requestId === 'startup-test-1');
      // The failed query's line (inside the request) and the request's own line both carry the id.
      expect(lines.map((l) => l.context ?? l.msg)).toEqual(['Database', 'request completed']);
      expect(lines[0]).toMatchObject({ level: 'debug', code: '23514' });
      const out = api.output();
      expect(out).not.toContain('$argon2');
      expect(out).not.toContain(password);
      expect(out).not.toContain(token);

      const stop = await stopped(api, 'SIGTERM');
      expect(stop.code).toBe(0);
      expect(stop.ms).toBeLessThan(GRACE_MS);
    } finally {
      api.kill('SIGKILL');
      await db.end();
    }
  });
});
