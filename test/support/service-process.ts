import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');

/**
 * The service (`src/main.ts`, `src/worker.ts`, the migrate step) as its own OS process through SWC,
 * as production runs it: its stdout is read back line by line (JSON under NODE_ENV=test), and it is
 * stopped by signals, not by a test's own `app.close()`.
 */
export interface ServiceProcess {
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its stdout lines that are JSON log lines, parsed. */
  logLines(): Record<string, unknown>[];
  /** Resolves once a printed line matches (a substring or a predicate on the parsed line); rejects on exit or after `ms`. */
  waitFor(match: string | ((line: Record<string, unknown>) => boolean), ms?: number): Promise<void>;
  /** Resolves when it exits: its code (or the signal that killed it), and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export function startServiceProcess(env: Record<string, string>, script = 'src/main.ts'): ServiceProcess {
  const child = spawn(process.execPath, ['--import', join(ROOT, 'test/support/swc-register.mts'), join(ROOT, script)], {
    cwd: ROOT,
    // Only what the test gives: nothing of the jest process's own environment leaks in.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', JWT_SECRET: 'a-service-secret-long-enough', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, at: Date.now() });
      listeners.forEach((l) => l());
    }),
  );
  const logLines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return { unparsed: l };
        }
      });
  const waitFor = (match: string | ((line: Record<string, unknown>) => boolean), ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const found = () => (typeof match === 'string' ? out.includes(match) : logLines().some(match));
      const done = (err?: Error) => {
        listeners.delete(check);
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (found()) done();
        else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`exited before printing ${String(match)}:\n${out}`));
      };
      const timer = setTimeout(() => done(new Error(`did not print ${String(match)} within ${ms} ms:\n${out}`)), ms);
      listeners.add(check);
      check();
    });
  return { pid: child.pid!, output: () => out, logLines, waitFor, exited, kill: (signal) => child.kill(signal) };
}

/** Polls `url` until `accept` likes the answer, or fails after `ms` with the last answer. */
export async function pollUntil(url: string, accept: (status: number, body: any) => boolean, ms = 20_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    let last: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      const body = await res.json();
      if (accept(res.status, body)) return body;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} never gave the expected answer within ${ms} ms; last: ${last}`);
    await sleep(200);
  }
}
