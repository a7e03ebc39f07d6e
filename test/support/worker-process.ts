import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A worker role (`src/worker.ts`) running as its own OS process, so a test can `kill -9` it. */
export interface WorkerProcess {
  pid: number;
  /** Everything it printed (stdout and stderr), for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown hook, no transaction committed, BullMQ locks left to lapse. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface WorkerEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  DISPATCH_EVERY_MS?: string;
  DISPATCH_HORIZON_SECONDS?: string;
  REMINDER_CONCURRENCY?: string;
  LOG_LEVEL?: string;
  DB_POOL_SIZE?: string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/**
 * Starts `src/worker.ts` through SWC (no build needed) and resolves once it says it is processing
 * jobs. Its log level is at least `log`, because that line is how readiness is seen. Another script
 * (a benchmark's bare BullMQ worker) may be run the same way with its own readiness line.
 */
export async function startWorkerProcess(
  env: WorkerEnv | Record<string, string>,
  label = 'worker',
  { script = 'src/worker.ts', readyLine = 'role=worker: processing jobs' } = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', join(ROOT, 'test/support/swc-register.mts'), join(ROOT, script)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      JWT_SECRET: 'a-worker-secret-long-enough',
      NO_COLOR: '1',
      ...env,
      LOG_LEVEL: env.LOG_LEVEL ?? 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} not ready within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
  await ready;
  const gone = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
  return {
    pid: child.pid!,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await gone();
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone();
      clearTimeout(timer);
    },
  };
}
