// Creates a fresh database for this test run and migrates it. Each run gets its own database and
// BullMQ prefix, so parallel or stray runs never share state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/run-migrations';

export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `duban_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const state = {
    databaseUrl: url.toString(),
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
