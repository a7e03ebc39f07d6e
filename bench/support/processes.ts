import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../test/support/private-redis';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** dist/ of the built project (this file runs as dist/bench/support/processes.js). */
export const DIST = join(__dirname, '..', '..');

export interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

// One way to find a free port, shared with the fault tests' private Redis.
export { freePort };

/**
 * Starts `node <script>` as a separate process (so load generator and server never share an
 * event loop) and waits until `readyPath` answers 200.
 */
export async function startNode(script: string, env: Record<string, string>, readyPath: string, label: string): Promise<Running> {
  const port = await freePort();
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the service's node only.
  const nodeArgs = label === 'service' ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(`[${label}] ${chunk.toString()}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode} before it was ready:\n${stderr}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`${label} was not ready within 60 s`);
    }
    await sleep(200);
  }
  return { url, pid: child.pid!, stop: () => stop(child) };
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** Runs a command to completion and answers its stdout (throws with stderr on a non-zero exit). */
export async function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${err}`)),
    );
  });
}
