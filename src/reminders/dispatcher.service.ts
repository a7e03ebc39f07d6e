import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../common/clock';
import { DISPATCH_SCHEDULER_ID, FIRE_BUCKET_MS, REMINDER_JOBS, REMINDERS_QUEUE } from '../common/queues';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduledActionRepository } from './scheduled-action.repository';

/**
 * Moves the near future from PostgreSQL into Redis. Its tick is a BullMQ job scheduler, so it fires
 * once per period however many workers run. Each tick (re)adds one delayed fire job per bucket that
 * holds pending actions within the horizon, and, when some pending row is already due, one sweep job
 * under a fresh id: that rebuilds Redis after it lost its data, fires rows that are overdue, and
 * does not depend on a past bucket's job (which a dead worker may still hold under its id).
 */
@Injectable()
export class DispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Dispatcher');
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue,
    private readonly actions: ScheduledActionRepository,
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
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.config.dispatchHorizonSeconds * 1000);
    const { due, buckets } = await this.actions.horizon(now, horizon, FIRE_BUCKET_MS);
    if (buckets.length) await this.reminders.addBuckets(buckets.map(Number));
    if (due) await this.reminders.sweep(now.getTime());
    return buckets.length;
  }
}
