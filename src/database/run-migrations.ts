import 'reflect-metadata';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { loadConfig, type AppConfig } from '../config/env';

/**
 * The session-level advisory lock every migration step takes first, so replicas that start together
 * migrate one after the other: the first applies what is pending, the next waits, then finds nothing
 * left. Keyed by a fixed name (advisory locks are per database, so two databases never collide).
 */
const LOCK_SQL = `SELECT pg_try_advisory_lock(hashtextextended('duban.migrations', 0)) AS got`;
const UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtextextended('duban.migrations', 0))`;

const LOCK_POLL_MS = 500;

export interface MigrationOptions {
  /** Called when another process holds the lock and this one starts waiting for it. */
  onWait?: () => void;
}

/** Creates the database if it is missing, then applies pending migrations under the lock; answers their names. */
export async function runMigrations(databaseUrl = loadConfig().databaseUrl, options: MigrationOptions = {}): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const ds = new DataSource(dataSourceOptions(databaseUrl, 2));
  await ds.initialize();
  // The lock lives on one connection of its own for the whole run; the migrations use the pool.
  const lock = ds.createQueryRunner();
  try {
    const got = async () => ((await lock.query(LOCK_SQL)) as { got: boolean }[])[0].got;
    if (!(await got())) {
      options.onWait?.();
      // Asked again every half second rather than waited for in one blocked statement: a waiting
      // statement holds a snapshot, and an index built CONCURRENTLY by the holder waits for every
      // snapshot older than it, so the two would wait for each other forever.
      while (!(await got())) await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query(UNLOCK_SQL).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}

async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: url.toString() });
  try {
    await admin.initialize();
  } catch {
    return; // no rights to the maintenance database: assume the target exists
  }
  try {
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // Another process starting at the same moment created it first (42P04, or 23505 on the catalog).
    const code = (err as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw err;
  } finally {
    await admin.destroy();
  }
}

/** The migration step of a start (MIGRATIONS=auto) and of the one-shot `migrate`, with its log lines. */
export async function migrate(config: AppConfig, log: Logger): Promise<void> {
  const applied = await runMigrations(config.databaseUrl, {
    onWait: () => log.info('another process holds the migration lock: waiting for it to finish'),
  });
  log.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations: the database is up to date');
}
