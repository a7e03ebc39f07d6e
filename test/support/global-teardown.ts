// Drops this run's databases and its workers' Redis keys unless KEEP_TEST_DB=1 (handy when a test
// failed and you want to look).
import * as fs from 'node:fs';
import { Client } from 'pg';
import { runStateFile, type RunState } from './global-setup';
import { deleteKeysWithPrefix } from './redis-keys';

export default async function globalTeardown(): Promise<void> {
  const file = runStateFile();
  if (!fs.existsSync(file)) return;
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as RunState;
  fs.unlinkSync(file);
  if (process.env.KEEP_TEST_DB === '1') return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  for (const name of state.databaseNames) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  // Each jest worker's prefix is `{<queuePrefix>-w<N>}` (env.setup.ts).
  await deleteKeysWithPrefix(`{${state.queuePrefix}-w`);
}
