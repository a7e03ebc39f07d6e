import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './processes';
import { cpuMs, medianOf } from './report';

/** What one load run measured. Latencies in milliseconds. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** From autocannon's histogram only (wrk's summary has no such rows). */
  p90?: number;
  p97_5?: number;
  /** The 95th percentile of every answer's own latency, recorded one by one (not with wrk). */
  p95?: number;
  ok: number;
  failed: number;
  seconds: number;
  /** CPU milliseconds per answered request (see cpu.ts), when measured. */
  cpu?: { process: number; postgres: number };
}

/** One HTTP request of a load run. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  /** Bearer token, if the request is signed in. */
  token?: string;
  /** JSON body (sent with content-type application/json). */
  body?: string;
}

export interface HttpLoadOptions {
  url: string;
  connections?: number;
  /** Seconds. */
  duration?: number;
  /** Sent in turn, starting over at the end (a run that must not repeat one gives more than it can send). */
  requests: RequestSpec[];
}

/** `wrk` (C, light on the CPU this machine's server needs) when installed, else autocannon. */
export const LOAD_ENGINE: 'wrk' | 'autocannon' =
  (process.env.BENCH_LOAD as 'wrk' | 'autocannon' | undefined) ?? (hasWrk() ? 'wrk' : 'autocannon');

/**
 * Closed-loop HTTP load at `connections` (each sends its next request when the answer arrives).
 * Requests per second count only 2xx answers; anything else is reported as `failed`.
 */
export async function httpLoad(o: HttpLoadOptions): Promise<LoadFigures> {
  return LOAD_ENGINE === 'wrk' ? wrkLoad(o) : autocannonLoad(o);
}

async function autocannonLoad(o: HttpLoadOptions): Promise<LoadFigures> {
  let n = 0;
  const latencies: number[] = [];
  const run = autocannon({
    url: o.url,
    connections: o.connections ?? 50,
    duration: o.duration ?? 10,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = o.requests[n++ % o.requests.length];
          const headers: Record<string, string> = { ...req.headers };
          if (r.token) headers.authorization = `Bearer ${r.token}`;
          if (r.body !== undefined) headers['content-type'] = 'application/json';
          return { ...req, method: r.method, path: r.path, headers, body: r.body };
        },
      },
    ],
  });
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const result = await run;
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p95: percentile(
      latencies.sort((a, b) => a - b),
      95,
    ),
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
  };
}

async function wrkLoad(o: HttpLoadOptions): Promise<LoadFigures> {
  const duration = o.duration ?? 10;
  const args = ['-t1', `-c${o.connections ?? 50}`, `-d${duration}s`, '--timeout', '30s', '--latency'];
  const single = o.requests.length === 1 && o.requests[0].method === 'GET' && !o.requests[0].token;
  let file: string | null = null;
  if (single) {
    args.push(o.url + o.requests[0].path);
  } else {
    // One request per line, tab-separated, read once by the Lua script below.
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
    file = join(dir, 'requests.tsv');
    writeFileSync(
      file,
      o.requests.map((r) => [r.method, r.path, r.token ? `Bearer ${r.token}` : '', r.body ?? ''].join('\t')).join('\n') + '\n',
    );
    writeFileSync(join(dir, 'requests.lua'), WRK_SCRIPT);
    args.push('-s', join(dir, 'requests.lua'), o.url, '--', file);
  }
  try {
    return parseWrk(await run('wrk', args));
  } finally {
    if (file) rmSync(dirname(file), { recursive: true, force: true });
  }
}

/** Reads the requests once (formatted up front), then hands them out in turn. */
const WRK_SCRIPT = `
local requests, n = {}, 0
function init(args)
  for line in io.lines(args[1]) do
    local method, path, auth, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if auth ~= "" then headers["Authorization"] = auth end
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
end
function request()
  n = n % #requests + 1
  return requests[n]
end
`;

function parseWrk(out: string): LoadFigures {
  const latency = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) return NaN;
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[m[2]];
  };
  const head = /(\d+) requests in ([\d.]+)(ms|s|m)\b/.exec(out);
  if (!head) throw new Error(`cannot read wrk's output:\n${out}`);
  const total = Number(head[1]);
  const seconds = Number(head[2]) * ({ ms: 0.001, s: 1, m: 60 } as Record<string, number>)[head[3]];
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const ok = total - non2xx;
  return { requestsPerSecond: ok / seconds, p50: latency('50'), p99: latency('99'), ok, failed: non2xx + errors, seconds };
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * The same closed loop without HTTP: `connections` callers each run `task` again as soon as it
 * finishes, for `duration` seconds (used to run a query straight through a `pg` pool).
 */
export async function taskLoad(
  task: (i: number) => Promise<unknown>,
  o: { connections?: number; duration?: number },
): Promise<LoadFigures> {
  const connections = o.connections ?? 50;
  const until = performance.now() + (o.duration ?? 10) * 1000;
  const latencies: number[] = [];
  let failed = 0;
  let n = 0;
  const started = performance.now();
  const caller = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await task(n++);
        latencies.push(performance.now() - t0);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    failed,
    seconds,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export type RoundFigures = LoadFigures & { rounds: number[] };

/** The round with the median requests/s (its latencies with it), and every round's requests/s. */
export function median(all: LoadFigures[]): RoundFigures {
  const sorted = [...all].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], rounds: all.map((f) => f.requestsPerSecond) };
}

/**
 * The ratio a ÷ b of requests/s, round by round (each round of `a` beside the round of `b` taken
 * next to it, so both saw the machine alike), and the median of those ratios.
 */
export function pairedRatio(a: RoundFigures, b: RoundFigures): number {
  return medianOf(a.rounds.map((r, i) => r / b.rounds[i]));
}

/**
 * Measures several subjects in alternation, round after round (A B A B …), so that a noisy moment
 * of the machine hurts each of them alike; answers each subject's median round.
 */
export async function interleave<K extends string>(
  rounds: number,
  subjects: Record<K, () => Promise<LoadFigures>>,
): Promise<Record<K, RoundFigures>> {
  const names = Object.keys(subjects) as K[];
  const seen = Object.fromEntries(names.map((n) => [n, [] as LoadFigures[]])) as Record<K, LoadFigures[]>;
  for (let i = 0; i < rounds; i++) {
    for (const name of names) {
      await quiet();
      const f = await subjects[name]();
      const cpu = f.cpu ? `, cpu/req ${cpuMs(f.cpu.process)} + pg ${cpuMs(f.cpu.postgres)}` : '';
      console.log(
        `  round ${i + 1}/${rounds} ${name}: ${f.requestsPerSecond.toFixed(0)} /s, p50 ${f.p50.toFixed(1)} ms${f.p95 === undefined ? '' : `, p95 ${f.p95.toFixed(1)} ms`}, p99 ${f.p99.toFixed(1)} ms${cpu}${f.failed ? `, ${f.failed} FAILED` : ''}`,
      );
      seen[name].push(f);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(seen[n])])) as Record<K, RoundFigures>;
}

/** Share of the machine's CPU busy over the last second (from /proc/stat). */
async function busy(): Promise<number> {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  await sleep(1000);
  const b = read();
  const d = b.map((v, i) => v - a[i]);
  const total = d.reduce((x, y) => x + y, 0);
  return total ? 1 - (d[3] + d[4]) / total : 0; // idle + iowait
}

/**
 * Other work on the machine (it is shared) distorts a round: wait, at most BENCH_QUIET_WAIT seconds
 * (default 30), for it to drop under 25 % of the CPU, then go ahead whatever it is.
 */
export async function quiet(): Promise<void> {
  const limit = Date.now() + Number(process.env.BENCH_QUIET_WAIT ?? 30) * 1000;
  let b = await busy();
  if (b < 0.25) return;
  process.stdout.write(`  (machine ${(b * 100).toFixed(0)} % busy, waiting`);
  while (b >= 0.25 && Date.now() < limit) {
    await sleep(2000);
    b = await busy();
  }
  console.log(` — now ${(b * 100).toFixed(0)} %)`);
}
