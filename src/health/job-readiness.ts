import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DISPATCH_SCHEDULER_ID, REMINDERS_QUEUE } from '../common/queues';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { ReminderWorkerModule, RemindersModule } from '../reminders/reminders.module';
import { RemindersProcessor } from '../reminders/reminders.processor';
import { withTimeout } from '../common/with-timeout';
import type { Probe } from './probe';

export interface JobsCheck {
  jobs: Probe;
  /** Why `jobs` is down, for the operator reading the probe's body. */
  reason?: string;
  /** When this process last finished a job (completed or failed), if it has. */
  lastJobAt?: string;
}

/**
 * Readiness of a process that consumes jobs: that Redis answers PING is not enough (a paused or
 * wedged worker, or a queue nobody takes from, answers PING too). The dispatcher's tick is already a
 * heartbeat through the reminders queue: a BullMQ job scheduler adds one every DISPATCH_EVERY_MS, and
 * only adds the next one when a worker takes the current one. So the scheduler's next run lying far
 * in the past means nobody has taken a job from this queue since. With this process's own worker
 * running, not paused and not wedged (every slot held by a job older than the limit), that is the
 * proof the brief asks for: jobs are being consumed, and this worker is able to take its share.
 * (A per-process "did I complete a job lately" would not do: with several workers, which one takes
 * a given tick is up to Redis, and an idle worker may go long without one.)
 */
@Injectable()
export class JobReadiness implements OnApplicationBootstrap {
  /** Jobs this process is running now, with when each started. */
  private readonly active = new Map<string, number>();
  private lastJobAt?: number;
  readonly staleMs: number;

  constructor(
    private readonly processor: RemindersProcessor,
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Three missed ticks, and never under 3 s (a loaded machine delays a tick by a second or so).
    this.staleMs = Math.max(3 * config.dispatchEveryMs, 3_000);
  }

  onApplicationBootstrap(): void {
    const worker = this.processor.worker;
    const key = (job: Job | undefined) => job?.id ?? job?.name ?? '?';
    const finished = (job: Job | undefined) => {
      this.active.delete(key(job));
      this.lastJobAt = Date.now();
    };
    worker.on('active', (job) => this.active.set(key(job), Date.now()));
    worker.on('completed', finished);
    worker.on('failed', finished);
  }

  async jobs(): Promise<JobsCheck> {
    const worker = this.processor.worker;
    const lastJobAt = this.lastJobAt ? new Date(this.lastJobAt).toISOString() : undefined;
    const down = (reason: string): JobsCheck => ({ jobs: 'down', reason, lastJobAt });
    if (!worker.isRunning()) return down('the worker is not running');
    if (worker.isPaused()) return down('the worker is paused');
    const now = Date.now();
    const started = [...this.active.values()];
    if (started.length >= this.config.reminderConcurrency && started.every((t) => now - t > this.staleMs)) {
      return down(`every slot has held its job for more than ${this.staleMs} ms`);
    }
    let next: number | null | undefined;
    try {
      const scheduler = await withTimeout(this.queue.getJobScheduler(DISPATCH_SCHEDULER_ID));
      next = scheduler?.next;
    } catch (err) {
      return down(`Redis: ${(err as Error).message}`);
    }
    // The dispatcher puts a missing scheduler back within two periods; until then nothing proves consumption.
    if (next == null) return down('the dispatcher heartbeat is not scheduled');
    const overdue = now - next;
    if (overdue > this.staleMs) return down(`no job taken from the queue for ${overdue} ms (the heartbeat is overdue)`);
    return { jobs: 'up', lastJobAt };
  }

  /** The worker role's whole readiness: PostgreSQL answers, and jobs are consumed (which needs Redis). */
  async report(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const [postgres, jobs] = await Promise.all([
      withTimeout(this.db.query('SELECT 1')).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.jobs(),
    ]);
    const ok = postgres === 'up' && jobs.jobs === 'up';
    const { reason, lastJobAt } = jobs;
    return { ok, body: { status: ok ? 'ok' : 'unavailable', checks: { postgres, jobs: jobs.jobs }, reason, lastJobAt } };
  }
}

/** The job readiness of the worker role (its health port) and of the `all` role (/health/ready). */
@Module({ imports: [RemindersModule, ReminderWorkerModule], providers: [JobReadiness], exports: [JobReadiness] })
export class JobHealthModule {}
