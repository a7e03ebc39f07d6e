import { CouncilsService, type CouncilContext } from '../../src/councils/councils.service';
import { ScheduleSyncService } from '../../src/reminders/schedule-sync.service';
import { Resolution } from '../../src/resolutions/resolution.entity';
import { percentile } from '../support/load';
import type { Bench } from './fixtures';

export interface SyncFigures {
  iterations: number;
  /** A deadline moved by a week (an approved extension): five pending rows cancelled, five written. */
  extensionMs: Quantiles;
  /** A progress report: the stagnation reminder moves (one row cancelled, one written). */
  progressMs: Quantiles;
  /** planActions alone for the same items, to tell the pure plan from the database work. */
  planOnlyMs: Quantiles;
}

type Quantiles = { p50: number; p99: number; max: number };

/**
 * What a transition pays to recompute its schedule: ScheduleSyncService.sync for one resolution
 * inside a transaction (committed), timed alone, against the database the horizon bench filled.
 * The council context is loaded before the clock starts, as a transition has it already.
 */
export async function runSyncCost(bench: Bench, iterations: number): Promise<SyncFigures> {
  const sync = bench.app.get(ScheduleSyncService);
  const councils = bench.app.get(CouncilsService);
  const ids: { id: string }[] = await bench.db.query(
    "SELECT id FROM resolutions TABLESAMPLE SYSTEM (2) WHERE status = 'in_progress' AND last_report_cycle_at IS NOT NULL LIMIT $1",
    [iterations],
  );
  const contexts = new Map<string, CouncilContext>();
  const timings = { extension: [] as number[], progress: [] as number[], plan: [] as number[] };
  for (const [n, { id }] of ids.entries()) {
    for (const kind of ['extension', 'progress'] as const) {
      await bench.db.transaction(async (m) => {
        const r = await m.findOneByOrFail(Resolution, { id });
        if (!contexts.has(r.councilId)) contexts.set(r.councilId, await councils.contextIn(m, r.councilId));
        const ctx = contexts.get(r.councilId)!;
        if (kind === 'extension') r.dueAt = new Date(r.dueAt!.getTime() + 7 * 86_400_000);
        else r.lastProgressAt = new Date();
        const t0 = performance.now();
        await sync.sync(m, [{ resolution: r, ctx }]);
        const elapsed = performance.now() - t0;
        const p0 = performance.now();
        sync.plan(r, ctx, new Set());
        // The first 50 items warm the JIT and the connection pool.
        if (n >= 50) {
          timings[kind].push(elapsed);
          if (kind === 'progress') timings.plan.push(performance.now() - p0);
        }
      });
    }
  }
  return {
    iterations: timings.extension.length,
    extensionMs: quantiles(timings.extension),
    progressMs: quantiles(timings.progress),
    planOnlyMs: quantiles(timings.plan),
  };
}

function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { p50: r(percentile(sorted, 50)), p99: r(percentile(sorted, 99)), max: r(sorted[sorted.length - 1]) };
}
