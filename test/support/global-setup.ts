// Creates a fresh database for this test run and migrates it. Each run gets its own database and
// BullMQ prefix, so parallel or stray runs never share state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/run-migrations';

export interface RunState {
  databaseUrl: string;
  databaseName: string;
  queuePrefix: string;
  adminUrl: string;
}

export default async function globalSetup(): Promise<void> {
  const base = adminUrl();
  const { url, name } = await createDatabase(base, `duban_test_${Date.now()}_${process.pid}`);
  const state: RunState = {
    databaseUrl: url,
    databaseName: name,
    queuePrefix: `{duban-test-${process.pid}-${Date.now()}}`,
    adminUrl: base,
  };
  fs.writeFileSync(runStateFile(), JSON.stringify(state));
  await runMigrations(state.databaseUrl);
}

/** Per jest process, so concurrent runs in one checkout do not overwrite each other's state. */
export function runStateFile(): string {
  return path.join(__dirname, `.run-state.${process.env.DUBAN_TEST_RUN ?? process.pid}.json`);
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function createDatabase(base: string, name: string): Promise<{ url: string; name: string }> {
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
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
