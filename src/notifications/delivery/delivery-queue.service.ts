import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { Clock } from '../../common/clock';
import { DELIVERIES_QUEUE, DELIVERY_JOBS, type SendJobData } from '../../common/queues';
import { APP_CONFIG, type AppConfig } from '../../config/env';

/** Rows due further out than this are left to the sweep, which queues them as they come near. */
export const QUEUE_HORIZON_MS = 60_000;

export interface DueDelivery {
  id: string;
  nextAttemptAt: Date | null;
}

/**
 * Puts send jobs into Redis. The job id is the delivery id, so queueing a row that is already queued
 * (after commit, then again by the sweep) adds nothing. Jobs carry the id only: PostgreSQL is the truth.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger('DeliveryQueue');

  constructor(
    @InjectQueue(DELIVERIES_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  jobOptions(id: string, delayMs: number): JobsOptions {
    return {
      jobId: id,
      delay: Math.max(0, delayMs),
      attempts: this.config.delivery.attempts,
      // Exponential with jitter, or the peer's Retry-After when it gave one (deliveryBackoff, the worker's strategy).
      backoff: { type: 'delivery', delay: this.config.delivery.retryBaseMs },
      removeOnComplete: true,
      removeOnFail: true,
    };
  }

  /** Queues the rows due within the horizon. Never throws: what is not queued now, the sweep queues. */
  async enqueue(rows: DueDelivery[]): Promise<void> {
    const now = this.clock.now().getTime();
    const jobs = rows
      .filter((r) => !r.nextAttemptAt || r.nextAttemptAt.getTime() <= now + QUEUE_HORIZON_MS)
      .map((r) => ({
        name: DELIVERY_JOBS.send,
        data: { deliveryId: r.id } satisfies SendJobData,
        opts: this.jobOptions(r.id, r.nextAttemptAt ? r.nextAttemptAt.getTime() - now : 0),
      }));
    if (jobs.length === 0) return;
    try {
      // A request must not hang on a Redis that is away.
      await Promise.race([
        (async () => {
          for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
        })(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 1500).unref()),
      ]);
    } catch (err) {
      this.logger.warn(`could not queue ${jobs.length} delivery job(s) now; the sweep will: ${(err as Error).message}`);
    }
  }
}
