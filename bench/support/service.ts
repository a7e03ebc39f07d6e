import { join } from 'node:path';
import { DIST, startNode, type Running } from './processes';
import { BENCH_SECRETS } from './secrets';
import { deleteKeysWithPrefix } from '../../test/support/redis-keys';

/** Where the benchmarks keep their data: never the development or test databases. */
export const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const BENCH_DB = 'duban_bench';
export const TEMPLATE_DB = 'duban_bench_template';
export const dbUrl = (name: string) => `${PG_BASE}/${name}`;

export const ADMIN = { username: 'admin', password: BENCH_SECRETS.ADMIN_PASSWORD };
/** Every seeded person signs in with this password. */
export const PASSWORD = 'bench-password';
/** Redis keys of this run only (removed at the end by `clearQueues`). */
export const QUEUE_PREFIX = `{duban-bench-${process.pid}}`;

/**
 * The service as production runs it, in its own process: `node dist/src/main.js`, role `api`
 * (no worker, so the clock-driven reminders do not run during a measurement).
 */
export async function startService(databaseUrl: string, script = join(DIST, 'src/main.js')): Promise<Running> {
  return startNode(
    script,
    {
      APP_ROLE: 'api',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX,
      JWT_SECRET: BENCH_SECRETS.JWT_SECRET,
      AUDIT_KEY: BENCH_SECRETS.AUDIT_KEY,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ...(process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.DB_POOL_SIZE } : {}),
    },
    '/health',
    'service',
  );
}

/** A small JSON client for setting up a measurement (not for load). */
export async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return parsed;
}

/** Signs in through POST /auth/login, as a client would. */
export async function login(baseUrl: string, username: string, password = PASSWORD): Promise<string> {
  const body = await call(baseUrl, 'POST', '/auth/login', undefined, { username, password });
  return body.accessToken as string;
}

/** Signs in many people, a few at a time (argon2 is deliberately slow). */
export async function loginAll(baseUrl: string, usernames: string[], parallel = 4): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const queue = [...new Set(usernames)];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let u = queue.pop(); u !== undefined; u = queue.pop()) tokens.set(u, await login(baseUrl, u));
    }),
  );
  return tokens;
}

/** Removes this run's BullMQ keys from Redis (`prefix`: a benchmark that chose its own). */
export async function clearQueues(prefix = QUEUE_PREFIX): Promise<void> {
  await deleteKeysWithPrefix(prefix);
}
