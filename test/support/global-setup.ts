// Creates fresh databases for this test run and migrates them. Each run gets its own databases and
// BullMQ prefix, so parallel or stray runs never share state. Within a run, each jest worker gets a
// database and a Redis prefix of its own (cloned from the migrated one),
// so files running at the same time in different workers never see each other's rows or keys.
// (A database per worker jest may start: its maxWorkers, 1 in band.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/run-migrations';

export interface RunState {
  /** One per jest worker: the worker whose JEST_WORKER_ID is i uses databaseUrls[i - 1]. */
  databaseUrls: string[];
  databaseNames: string[];
  queuePrefix: string;
  adminUrl: string;
}

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const base = adminUrl();
  const first = await createDatabase(base, `duban_test_${Date.now()}_${process.pid}`);
  await runMigrations(first.url);
  const databases = [first];
  // A template copy is a file copy: far cheaper than migrating again.
  for (let i = 2; i <= Math.max(1, globalConfig.maxWorkers); i++)
    databases.push(await createDatabase(base, `${first.name}_w${i}`, first.name));
  const state: RunState = {
    databaseUrls: databases.map((d) => d.url),
    databaseNames: databases.map((d) => d.name),
    queuePrefix: `duban-test-${process.pid}-${Date.now()}`,
    adminUrl: base,
  };
  fs.writeFileSync(runStateFile(), JSON.stringify(state));
}

/** Per jest process, so concurrent runs in one checkout do not overwrite each other's state. */
export function runStateFile(): string {
  return path.join(__dirname, `.run-state.${process.env.DUBAN_TEST_RUN ?? process.pid}.json`);
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function createDatabase(base: string, name: string, template?: string): Promise<{ url: string; name: string }> {
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/**
 * A migrated database of a test's own, beside the run's one (for a test that needs an empty world,
 * such as loading the demo several times on different days). `drop()` removes it unless KEEP_TEST_DB=1.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = adminUrl();
  const { url, name } = await createDatabase(base, `duban_scratch_${Date.now()}_${process.pid}_${Math.random().toString(36).slice(2, 6)}`);
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      if (process.env.KEEP_TEST_DB === '1') return;
      const admin = new Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
