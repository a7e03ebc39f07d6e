import { getQueueToken } from '@nestjs/bullmq';
import { DateTime } from 'luxon';
import { setTimeout as sleep } from 'node:timers/promises';
import { CalendarService } from '../../src/calendars/calendar.service';
import { ManualClock, SystemClock, type Clock } from '../../src/common/clock';
import { REMINDERS_QUEUE } from '../../src/common/queues';
import { DispatcherService } from '../../src/reminders/dispatcher.service';
import { nextReportCycle } from '../../src/reminders/report-cycle';
import { ReminderQueue } from '../../src/reminders/reminder-queue.service';
import { ScheduledActionRepository } from '../../src/reminders/scheduled-action.repository';
import { startWorkerProcess } from '../../test/support/worker-process';
import { percentile } from '../support/load';
import { createCouncils, loadResolutions, type Bench, type Subject } from './fixtures';

export interface HorizonFigures {
  resolutions: number;
  actionRows: number;
  loadSeconds: number;
  redisUsedMemoryMb: { idle: number; maxWhileRunning: number };
  tickMs: { p50: number; max: number };
  /** The busiest instant of the year (every weekly progress report falls due at once), ticked from a minute before. */
  peak: { at: string; rows: number; tickMs: { p50: number; max: number } };
}

const ZONE = 'Asia/Shanghai';

/**
 * A million open items under the default policy (cn calendar, quiet hours, weekly progress reports,
 * stagnation): deadlines spread over the coming year, ~8 pending actions each. The dispatcher's tick
 * is timed in this process, now and at the year's busiest instant; then two workers run with the
 * default dispatcher (every 5 s, 120 s horizon) while Redis's memory is sampled.
 */
export async function runHorizon(bench: Bench, count: number): Promise<HorizonFigures> {
  const councils = await createCouncils(bench.db, 20, {});
  const subjectOf = await openItems(bench);
  const started = performance.now();
  const actionRows = await loadResolutions(bench, councils, count, subjectOf);
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(`loaded ${count} open resolutions, ${actionRows} pending actions in ${loadSeconds.toFixed(0)} s`);

  const queue = bench.app.get(getQueueToken(REMINDERS_QUEUE));
  const dispatcherAt = (clock: Clock) =>
    new DispatcherService(queue, bench.app.get(ScheduledActionRepository), bench.config, clock, bench.app.get(ReminderQueue));
  const tickMs = await timeTicks(dispatcherAt(new SystemClock()), 20);
  // The year's busiest instant: every weekly progress report falls due at once. Ticked a minute
  // before, the 120 s horizon holds it (and everything earlier is pending here: harmless, one sweep).
  const [peak] = await bench.db.query<{ at: Date; rows: number }[]>(
    "SELECT fire_at AS at, count(*)::int AS rows FROM scheduled_actions WHERE status = 'pending' GROUP BY fire_at ORDER BY count(*) DESC LIMIT 1",
  );
  const peakTickMs = await timeTicks(dispatcherAt(new ManualClock(new Date(peak.at.getTime() - 60_000))), 5);

  const idle = await bench.redis.usedMemory();
  const workers = await Promise.all(
    [0, 1].map((i) =>
      startWorkerProcess({ ...bench.workerEnv, DISPATCH_EVERY_MS: '5000', DISPATCH_HORIZON_SECONDS: '120' }, `engine-${i}`),
    ),
  );
  let maxWhileRunning = 0;
  try {
    for (let i = 0; i < 8; i++) {
      await sleep(5_000);
      maxWhileRunning = Math.max(maxWhileRunning, await bench.redis.usedMemory());
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return {
    resolutions: count,
    actionRows,
    loadSeconds: Math.round(loadSeconds),
    redisUsedMemoryMb: { idle: mb(idle), maxWhileRunning: mb(maxWhileRunning) },
    tickMs,
    peak: { at: peak.at.toISOString(), rows: peak.rows, tickMs: peakTickMs },
  };
}

/** Runs `n` + 1 ticks and answers the median and the slowest, leaving out the first (warm-up). */
async function timeTicks(dispatcher: DispatcherService, n: number): Promise<{ p50: number; max: number }> {
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t0 = performance.now();
    await dispatcher.tick();
    if (i > 0) ticks.push(performance.now() - t0);
  }
  ticks.sort((a, b) => a - b);
  return { p50: round(percentile(ticks, 50)), max: round(ticks[ticks.length - 1]) };
}

/**
 * Open items as a real council holds them: one in ten assigned an hour ago and not yet accepted,
 * the rest in progress (accepted 1–3 days ago, last report 1–3 days ago, this week's report cycle
 * settled), each due at the end of a day 10–374 days ahead. Few distinct subjects, many items.
 */
async function openItems(bench: Bench): Promise<(i: number) => Subject> {
  const hour = DateTime.now().setZone(ZONE).startOf('hour');
  const days = Array.from({ length: 365 }, (_, d) =>
    hour
      .plus({ days: 10 + d })
      .endOf('day')
      .toJSDate(),
  );
  const ago = (n: number) => hour.minus({ days: n }).toJSDate();
  const cron = '0 17 * * 5';
  const cn = await bench.app.get(CalendarService).calendar('cn');
  let cycle = nextReportCycle(cron, ago(15), cn, ZONE);
  for (let next = cycle; next.getTime() <= Date.now(); next = nextReportCycle(cron, next, cn, ZONE)) cycle = next;
  return (i) =>
    i % 10 === 0
      ? {
          status: 'assigned',
          priority: 'normal',
          dueAt: days[i % 365],
          assignedAt: hour.minus({ hours: 1 }).toJSDate(),
          acceptedAt: null,
          lastProgressAt: null,
          lastReportCycleAt: null,
        }
      : {
          status: 'in_progress',
          priority: 'normal',
          dueAt: days[i % 365],
          assignedAt: ago(20),
          acceptedAt: ago(1 + ((i >> 1) % 3)),
          lastProgressAt: ago(1 + ((i >> 3) % 3)),
          lastReportCycleAt: cycle,
        };
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const round = (ms: number) => Math.round(ms * 10) / 10;
