import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoundFigures } from './load';

/** One target of the brief and whether this run met it. */
export interface Check {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
}

export interface BenchReport {
  bench: string;
  command: string;
  at: string;
  machine: string;
  figures: Record<string, unknown>;
  checks: Check[];
}

export const rate = (n: number) => `${n.toFixed(0)}/s`;
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
/** CPU time per request: three significant digits, in µs under a millisecond. */
export const cpuMs = (n: number) => (n < 1 ? `${(n * 1000).toPrecision(3)} µs` : `${n.toPrecision(3)} ms`);
export const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

/** The middle value (the lower of the two middle ones for an even count). */
export function medianOf(xs: readonly number[]): number {
  return [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
}

/** One line per load subject: median requests/s, its latencies, every round. */
export function describe(label: string, f: RoundFigures): string {
  const rounds = f.rounds.map((r) => r.toFixed(0)).join(', ');
  const cpu = f.cpu ? `  cpu/req ${cpuMs(f.cpu.process)} + pg ${cpuMs(f.cpu.postgres)}` : '';
  return `${label.padEnd(44)} ${rate(f.requestsPerSecond).padStart(9)}  p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}${cpu}  rounds [${rounds}]${f.failed ? `  ${f.failed} FAILED` : ''}`;
}

/** Prints the verdicts and keeps the whole report in bench/results/<bench>.json (git-ignored). */
export function finish(report: Omit<BenchReport, 'at' | 'machine'>): BenchReport {
  const full: BenchReport = { ...report, at: new Date().toISOString(), machine: machine() };
  console.log(`\n== ${full.bench} — ${full.command}`);
  for (const c of full.checks) console.log(`  ${c.pass ? 'pass' : 'FAIL'}  ${c.name}: ${c.measured} (target ${c.target})`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${full.bench}.json`), JSON.stringify(full, null, 2) + '\n');
  return full;
}

function machine(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require('node:os') as typeof import('node:os');
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}
