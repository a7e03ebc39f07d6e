import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { Clock } from '../../common/clock';
import { DELIVERIES_QUEUE, DELIVERY_JOBS, type SendJobData } from '../../common/queues';
import { withTimeout } from '../../common/with-timeout';
import { APP_CONFIG, type AppConfig } from '../../config/env';

/** The id prefix of the sweep jobs asked for when a burst is over (never held back by a burst mark). */
export const AFTER_BURST_SWEEP = 'sweep-after-burst';

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

  /**
   * Asks for one sweep now (a burst's deliveries were left to it). Each request is a job of its own, so a
   * sweep already under way cannot swallow it. Never throws: the periodic sweep comes anyway.
   */
  async requestSweep(): Promise<void> {
    try {
      const id = `${AFTER_BURST_SWEEP}-${randomUUID()}`;
      await withTimeout(this.queue.add(DELIVERY_JOBS.sweep, {}, { jobId: id, removeOnComplete: true, removeOnFail: true }), 1500);
    } catch (err) {
      this.logger.warn(`could not ask for a sweep after a burst; the periodic one will come: ${(err as Error).message}`);
    }
  }

  /**
   * Queues the rows due within the horizon. Never throws: what is not queued now, the sweep queues. A
   * request or a commit does not wait for a Redis that is away (`waitMs`); the sweep itself does.
   */
  async enqueue(rows: DueDelivery[], { waitMs = 1500 }: { waitMs?: number } = {}): Promise<void> {
    const now = this.clock.now().getTime();
    const jobs = rows
      .filter((r) => !r.nextAttemptAt || r.nextAttemptAt.getTime() <= now + QUEUE_HORIZON_MS)
      .map((r) => ({
        name: DELIVERY_JOBS.send,
        data: { deliveryId: r.id } satisfies SendJobData,
        opts: this.jobOptions(r.id, r.nextAttemptAt ? r.nextAttemptAt.getTime() - now : 0),
      }));
    if (jobs.length === 0) return;
    const add = async () => {
      for (let i = 0; i < jobs.length; i += 500) await this.queue.addBulk(jobs.slice(i, i + 500));
    };
    try {
      await withTimeout(add(), waitMs);
    } catch (err) {
      this.logger.warn(`could not queue ${jobs.length} delivery job(s) now; the sweep will: ${(err as Error).message}`);
    }
  }
}
