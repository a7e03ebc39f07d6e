import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DISPATCH_SCHEDULER_ID, FIRE_BUCKET_MS, REMINDER_JOBS, REMINDERS_QUEUE } from '../common/queues';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { ReminderQueue } from './reminder-queue.service';

/**
 * Moves the near future from PostgreSQL into Redis. Its tick is a BullMQ job scheduler, so it fires
 * once per period however many workers run. Each tick (re)adds one fire job per bucket that holds
 * pending actions within the horizon, including buckets already past: that is also the sweep that
 * rebuilds Redis after it lost its data, and fires rows that are overdue.
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dispatcher');
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reminders: ReminderQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    // The scheduler lives in Redis: if Redis loses its data, this puts it back (upsert is idempotent).
    this.watchdog = setInterval(() => void this.ensureScheduler().catch(() => undefined), Math.max(2_000, this.config.dispatchEveryMs * 2));
    this.watchdog.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.watchdog);
  }

  async ensureScheduler(): Promise<void> {
    if (await this.queue.getJobScheduler(DISPATCH_SCHEDULER_ID)) return;
    await this.queue.upsertJobScheduler(
      DISPATCH_SCHEDULER_ID,
      { every: this.config.dispatchEveryMs },
      { name: REMINDER_JOBS.dispatch, opts: { removeOnComplete: true, removeOnFail: true } },
    );
    this.logger.log(`dispatcher scheduled every ${this.config.dispatchEveryMs} ms, horizon ${this.config.dispatchHorizonSeconds} s`);
  }

  /** One tick: answers the number of buckets (re)enqueued. */
  async tick(): Promise<number> {
    const horizon = new Date(this.clock.now().getTime() + this.config.dispatchHorizonSeconds * 1000);
    const rows: { bucket: string }[] = await this.db.query(
      `SELECT DISTINCT (ceil(extract(epoch FROM fire_at) * 1000 / $2) * $2)::bigint::text AS bucket
         FROM scheduled_actions WHERE status = 'pending' AND fire_at <= $1`,
      [horizon, FIRE_BUCKET_MS],
    );
    if (rows.length) await this.reminders.addBuckets(rows.map((r) => Number(r.bucket)));
    return rows.length;
  }
}
