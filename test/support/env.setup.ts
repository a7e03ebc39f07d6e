// Runs in every test file of the service tiers before anything is imported: points the app at this
// worker's database and Redis prefix (written by global-setup.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';

interface RunState {
  databaseUrls: string[];
  queuePrefix: string;
}

// jest workers inherit the parent's env; the parent's pid names this run's state file.
const run = process.env.DUBAN_TEST_RUN;
const state = JSON.parse(fs.readFileSync(path.join(__dirname, `.run-state.${run}.json`), 'utf8')) as RunState;
// 1 in band; 1..maxWorkers in a pool (jest keeps a worker's id for its whole life).
const worker = Math.max(1, Number(process.env.JEST_WORKER_ID) || 1);
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = state.databaseUrls[(worker - 1) % state.databaseUrls.length];
// In braces: BullMQ's keys for one queue must hash to one Redis Cluster slot.
process.env.QUEUE_PREFIX = `{${state.queuePrefix}-w${worker}}`;
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
process.env.ADMIN_USERNAME = 'admin';
process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
process.env.JWT_SECRET = 'a-test-secret-that-is-long-enough';
// Two workers' apps at once stay under PostgreSQL's default max_connections (100), with room for the
// tests' own clients and scratch databases.
process.env.DB_POOL_SIZE = process.env.DB_POOL_SIZE || '40';
