import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Clock } from '../common/clock';
import { createRedis } from '../common/redis';
import { withTimeout } from '../common/with-timeout';
import {
  ENGINE_BACKLOG_TTL_MS,
  engineBacklogKey,
  FIRE_BUCKET_MS,
  REMINDER_JOBS,
  REMINDERS_QUEUE,
  type FireJobData,
} from '../common/queues';
import { APP_CONFIG, type AppConfig } from '../config/env';

/** The engine does not wait longer than this for Redis to take its burst mark. */
const BACKLOG_MARK_WAIT_MS = 250;

/**
 * Puts fire jobs into Redis for instants within the horizon. The job id is the bucket, so adding
 * the same bucket twice is a no-op while the job is stored, and Redis never holds more than one
 * job per bucket of the near future, however many actions fall in it.
 */
@Injectable()
export class ReminderQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('ReminderQueue');
  /** The connection the backlog signal is written on, opened by the first worker run that needs it. */
  private signal?: Redis;

  constructor(
    @InjectQueue(REMINDERS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationShutdown(): void {
    this.signal?.disconnect();
  }

  static bucketOf(instant: Date): number {
    return Math.ceil(instant.getTime() / FIRE_BUCKET_MS) * FIRE_BUCKET_MS;
  }

  /** Enqueues fire jobs for the given instants that fall inside the horizon. Never throws: the dispatcher catches up. */
  async wake(instants: Date[]): Promise<void> {
    const now = Date.now();
    const horizon = this.clock.now().getTime() + this.config.dispatchHorizonSeconds * 1000;
    const buckets = [...new Set(instants.filter((i) => i.getTime() <= horizon).map(ReminderQueue.bucketOf))];
    if (buckets.length === 0) return;
    try {
      // A request must not hang on a Redis that is away; the dispatcher will enqueue these anyway.
      await withTimeout(this.addBuckets(buckets, now), 1500);
    } catch (err) {
      this.logger.warn(`could not enqueue ${buckets.length} fire job(s) now; the dispatcher will: ${(err as Error).message}`);
    }
  }

  /**
   * One fire job to run at once, under an id no other job holds. The job of a past bucket keeps its
   * id while it is stored, and a worker killed in the middle of it leaves it "active" until BullMQ's
   * stalled-job check notices (30 s or more): re-adding that bucket is then a no-op, and its rows would
   * wait. This job handles every due row whatever became of the others (one per tick at most).
   */
  async sweep(now = Date.now()): Promise<void> {
    const bucket = ReminderQueue.bucketOf(new Date(now));
    await this.queue.add(REMINDER_JOBS.fire, { bucket } satisfies FireJobData, {
      jobId: `sweep-${bucket}`,
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /**
   * Marks or clears the engine's burst (see `engineBacklogKey`). Answers whether Redis took it within
   * BACKLOG_MARK_WAIT_MS; never throws and never holds a batch up for longer than that.
   */
  async markBacklog(backlog: boolean): Promise<boolean> {
    try {
      this.signal ??= createRedis(this.config.redisUrl, 'producer');
      const key = engineBacklogKey(this.config.queuePrefix);
      const write = backlog ? this.signal.set(key, '1', 'PX', ENGINE_BACKLOG_TTL_MS) : this.signal.del(key);
      await withTimeout<unknown>(write, BACKLOG_MARK_WAIT_MS);
      return true;
    } catch (err) {
      this.logger.warn(`could not ${backlog ? 'mark' : 'clear'} the engine's burst: ${(err as Error).message}`);
      return false;
    }
  }

  async addBuckets(buckets: number[], now = Date.now()): Promise<void> {
    const jobs = buckets.map((bucket) => ({
      name: REMINDER_JOBS.fire,
      data: { bucket } satisfies FireJobData,
      opts: {
        jobId: `fire-${bucket}`,
        delay: Math.max(0, bucket - now),
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    }));
    for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
  }
}
