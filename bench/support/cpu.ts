import { readFileSync } from 'node:fs';
import { withClient } from './dataset';
import type { LoadFigures } from './load';
import { PG_BASE } from './service';

/**
 * CPU time spent per answered request, by the service process and by the PostgreSQL backends
 * serving the benchmark database. Unlike requests/s, it hardly moves when other work shares the
 * machine, so it says where the time goes even on a noisy box. Read from /proc (Linux).
 */
export interface CpuPerRequest {
  /** Milliseconds of CPU of the measured process (the service, or this process for the direct run). */
  process: number;
  /** Milliseconds of CPU of the PostgreSQL backends connected to the database. */
  postgres: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process (all its threads), in ms; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

async function backends(database: string): Promise<number[]> {
  const { rows } = await withClient(`${PG_BASE}/postgres`, (c) =>
    c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]),
  );
  return rows.map((r) => r.pid);
}

/** CPU milliseconds spent by the measured process, by the database's backends and by the Redis server. */
export interface CpuSplit {
  process: number;
  postgres: number;
  redis: number;
}

/**
 * Starts a CPU meter over a process (`'self'`: this one), the PostgreSQL backends of `database` and,
 * when its pid is given, the Redis server. `stop` answers what each spent since, in ms: a benchmark
 * divides it by the requests or items it processed to say which part costs what.
 */
export async function cpuMeter(
  database: string,
  { pid = 'self', redisPid = null }: { pid?: number | 'self'; redisPid?: number | null } = {},
): Promise<{ stop: () => Promise<CpuSplit> }> {
  const own = () => {
    if (pid !== 'self') return processCpuMs(pid);
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const pgBefore = new Map((await backends(database)).map((p) => [p, processCpuMs(p)]));
  const redisBefore = redisPid ? processCpuMs(redisPid) : 0;
  const before = own();
  return {
    stop: async () => {
      const spent = own() - before;
      let pg = 0;
      // Backends opened meanwhile count from zero; those closed meanwhile are lost (pools keep theirs open).
      for (const p of await backends(database)) pg += processCpuMs(p) - (pgBefore.get(p) ?? 0);
      return { process: spent, postgres: pg, redis: redisPid ? processCpuMs(redisPid) - redisBefore : 0 };
    },
  };
}

/** Runs `measure` and adds the CPU per answered request of `pid` (default: this process) and of the database's backends. */
export async function withCpu(database: string, pid: number | 'self', measure: () => Promise<LoadFigures>): Promise<LoadFigures> {
  const meter = await cpuMeter(database, { pid });
  const f = await measure();
  const { process: spent, postgres } = await meter.stop();
  return { ...f, cpu: { process: spent / f.ok, postgres: postgres / f.ok } };
}
