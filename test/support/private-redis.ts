import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * A Redis of a test's own, on a free port, keeping nothing on disk: fault tests flush it, stop it and
 * restart it, and never touch the machine's shared Redis on 6379. It runs as a child process (not
 * daemonized), so it is stopped by pid and dies with the test run.
 */
export interface PrivateRedis {
  port: number;
  url: string;
  /** FLUSHALL: every key gone, as after a data loss. */
  flushAll(): Promise<void>;
  /** Stops the server (nothing persisted), waits `downMs`, starts a fresh one on the same port. */
  restart(downMs?: number): Promise<void>;
  /** INFO memory's used_memory, in bytes. */
  usedMemory(): Promise<number>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateRedis(options: { hz?: number } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await launch(port, options.hz ?? 10);
  const command = async <T>(fn: (r: Redis) => Promise<T>): Promise<T> => {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined); // the command's own promise reports failures
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  };
  return {
    port,
    url,
    flushAll: () => command((r) => r.flushall()).then(() => undefined),
    usedMemory: () => command((r) => r.info('memory')).then((text) => Number(/used_memory:(\d+)/.exec(text)![1])),
    restart: async (downMs = 1_000) => {
      await terminate(child);
      await sleep(downMs);
      child = await launch(port, options.hz ?? 10);
    },
    stop: () => terminate(child),
  };
}

async function launch(port: number, hz: number): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--hz',
    String(hz),
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined); // "not listening yet" is expected here
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return child;
    } catch {
      // not listening yet
    } finally {
      probe.disconnect();
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);
    await sleep(50);
  }
}

/** SIGTERM with no save configured: the data is gone, as when a Redis without persistence stops. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}
