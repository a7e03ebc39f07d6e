import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { redisOptions } from '../common/redis';
import type { AppConfig } from '../config/env';

/** A start that cannot go on: its message is the one line the operator reads. */
export class StartupError extends Error {}

/** The URL with its password replaced, for messages. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Errors that may go away by themselves (the server is starting, the network is not up yet). */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// PostgreSQL: starting up / shutting down (57P03, 57P01), too many connections (53300).
const PG_TRANSIENT = new Set(['57P03', '57P01', '53300']);

function reason(err: unknown): { text: string; transient: boolean } {
  const e = err as { code?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const text = (e?.message || code || String(err)).split('\n')[0].replace(/\.$/, '');
  // A connect that timed out has no code in pg ("Connection terminated due to connection timeout").
  const transient = code ? TRANSIENT.has(code) || PG_TRANSIENT.has(code) : /timeout|timed out|closed|terminated/i.test(text);
  return { text, transient };
}

interface Dependency {
  name: string;
  variable: 'DATABASE_URL' | 'REDIS_URL';
  url: string;
  /** What to do when nothing answers. */
  hint: string;
  /** What to do when it answers no (credentials, database name). */
  refusedHint: string;
  probe(): Promise<void>;
}

/**
 * Tries `probe` until it answers, a permanent error, or the start-up timeout: says once that it is
 * waiting, and ends in one StartupError line naming the variable (password masked) and what to do.
 * `signal` (SIGTERM / SIGINT) ends the wait at once.
 */
async function waitFor(dep: Dependency, config: AppConfig, log: Logger, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + config.startupTimeoutMs;
  let pause = 250;
  let told = false;
  for (;;) {
    signal.throwIfAborted();
    try {
      await dep.probe();
      if (told) log.info(`${dep.name} answers`);
      return;
    } catch (err) {
      signal.throwIfAborted();
      const { text, transient } = reason(err);
      const where = `${dep.variable}=${maskUrl(dep.url)}`;
      if (!transient) throw new StartupError(`${dep.name} refused the connection (${where}): ${text}. ${dep.refusedHint}`);
      if (Date.now() + pause > deadline) {
        const waited = told ? ` within ${Math.round(config.startupTimeoutMs / 1000)} s` : '';
        throw new StartupError(`${dep.name} is unreachable${waited} (${where}): ${text}. ${dep.hint}`);
      }
      if (!told) {
        log.warn(`waiting up to ${Math.round(config.startupTimeoutMs / 1000)} s for ${dep.name} (${where}): ${text}`);
        told = true;
      }
      await sleep(pause, undefined, { signal }).catch(() => undefined);
      pause = Math.min(pause * 2, 2_000);
    }
  }
}

/** PostgreSQL answers a query. A database that does not exist yet counts: the migration step creates it. */
export function waitForPostgres(config: AppConfig, log: Logger, signal: AbortSignal): Promise<void> {
  return waitFor(
    {
      name: 'PostgreSQL',
      variable: 'DATABASE_URL',
      url: config.databaseUrl,
      hint: 'Start PostgreSQL, or set DATABASE_URL to one that answers (postgres://user:password@host:5432/database).',
      refusedHint: 'Check the user, password and database name in DATABASE_URL.',
      probe: async () => {
        const client = new Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5_000 });
        client.on('error', () => undefined); // a dropped probe connection is reported by the query
        try {
          await client.connect();
          await client.query('SELECT 1');
        } catch (err) {
          if ((err as { code?: string }).code === '3D000' && config.migrations === 'auto') return;
          throw err;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    },
    config,
    log,
    signal,
  );
}

/** Redis answers PING (a fail-fast connection; BullMQ's own would retry forever in silence). */
export function waitForRedis(config: AppConfig, log: Logger, signal: AbortSignal): Promise<void> {
  return waitFor(
    {
      name: 'Redis',
      variable: 'REDIS_URL',
      url: config.redisUrl,
      hint: 'Start Redis, or set REDIS_URL to one that answers (redis://[:password@]host:6379).',
      refusedHint: 'Check the user, password and database number in REDIS_URL.',
      probe: async () => {
        const client = new Redis({
          ...redisOptions(config.redisUrl, 'producer'),
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          enableOfflineQueue: false,
          retryStrategy: () => null,
        });
        // ioredis rejects connect() with "Connection is closed."; the cause (ECONNREFUSED, a DNS
        // failure) only arrives as an 'error' event, so that is what is reported.
        let cause: unknown;
        client.on('error', (err) => (cause ??= err));
        try {
          await client.connect();
          await client.ping();
        } catch (err) {
          throw cause ?? err;
        } finally {
          client.disconnect();
        }
      },
    },
    config,
    log,
    signal,
  );
}

/**
 * The last line of a start that failed. The checks above name their variable; a connection lost
 * between them and the app's own connect is named the same way; anything else is a bug or a failed
 * migration, logged with its stack.
 */
export function logStartFailure(log: Logger, err: unknown, config: AppConfig): void {
  if (err instanceof StartupError) {
    log.fatal(err.message);
    return;
  }
  const code = (err as { code?: unknown })?.code;
  const { text } = reason(err);
  if (typeof code === 'string' && (TRANSIENT.has(code) || /^(08|28|3D|57P)/.test(code))) {
    log.fatal(
      `lost a connection during the start (DATABASE_URL=${maskUrl(config.databaseUrl)}, REDIS_URL=${maskUrl(config.redisUrl)}): ${text}. ` +
        'Check that PostgreSQL and Redis stay up, then start again.',
    );
    return;
  }
  log.fatal({ err }, `start failed: ${text}`);
}
