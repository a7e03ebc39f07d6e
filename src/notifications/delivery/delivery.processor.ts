import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type BackoffOptions, type Job, type MinimalJob, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { DELIVERIES_QUEUE, DELIVERY_JOBS, DELIVERY_SWEEP_SCHEDULER_ID, engineBacklogKey, type SendJobData } from '../../common/queues';
import { createRedis } from '../../common/redis';
import { APP_CONFIG, type AppConfig } from '../../config/env';
import { AFTER_BURST_SWEEP, DeliveryQueue, QUEUE_HORIZON_MS } from './delivery-queue.service';
import { Batcher } from './batcher';
import {
  claimDigest,
  claimForSend,
  digestRecipientOf,
  findDue,
  postponeClaim,
  settleDeliveries,
  settleSent,
  type ClaimedDelivery,
  type ClaimedSend,
} from './delivery.repository';
import { DeliverySender, type SendResult } from './delivery-sender.service';
import { offPeakInstant, RobotLimiter } from './robot-limiter';

/** How often a worker looks whether the reminder engine is backed up, and how many sends it keeps going meanwhile. */
const BACKLOG_CHECK_MS = 250;
const BACKLOG_CONCURRENCY = 2;
/** Rows the sweep reads and queues at a time. */
const SWEEP_PAGE = 5_000;

/** A retry whose delay the peer chose (429 / 503 with `Retry-After`, already bounded). */
export class RetryAfterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/**
 * The send jobs' backoff (type `delivery`, DeliveryQueue.jobOptions): the peer's `Retry-After` when it
 * gave one, else exponential from the job's base delay with jitter (half to all of base·2^(n-1)), so
 * robots that failed together do not all come back in the same instant.
 */
export function deliveryBackoff(attemptsMade: number, _type?: string, err?: Error, job?: MinimalJob): number {
  if (err instanceof RetryAfterError) return err.delayMs;
  const base = (job?.opts.backoff as BackoffOptions | undefined)?.delay ?? 5000;
  const ceiling = Math.round(2 ** Math.max(0, attemptsMade - 1) * base);
  return Math.floor(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Sends deliveries. PostgreSQL decides whether a row is sent (the claim); BullMQ only says "look now".
 * Network errors, 5xx, 429 and vendors' rate-limit codes are retried with BullMQ's exponential backoff
 * and jitter; anything else ends the row `failed` at once (UnrecoverableError). A robot over its rate
 * is put back as delayed, not counted as an attempt and never dropped. The sweep (a job scheduler, so
 * once per period however many workers run) re-queues pending rows Redis lost.
 */
@Processor(DELIVERIES_QUEUE, { concurrency: 200, settings: { backoffStrategy: deliveryBackoff } })
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly redis: Redis;
  private readonly limiter: RobotLimiter;
  private watchdog?: NodeJS.Timeout;
  private backlogWatch?: NodeJS.Timeout;
  /** What the last look at the engine's burst mark saw (followEngineBacklog), and whether a look is under way. */
  private engineBacklog = false;
  private lookingAtBacklog = false;
  /**
   * Successful attempts' settles, written together (group commit). Claims and settles each run one
   * statement at a time: what arrives meanwhile waits for the next one, so a busy worker writes few,
   * large statements (measured: one in flight beat four, which made more, smaller statements).
   */
  private readonly sentBatch = new Batcher<{ id: string; attempts: number; at: Date }>(async (rows) => {
    await settleSent(this.db.manager, rows);
    return [];
  });
  /** Claims of the jobs that start together, taken in one statement; an id asked twice in a batch is given once. */
  private readonly claims = new Batcher<string, ClaimedSend | null>(async (ids) => {
    const claimed = await claimForSend(this.db.manager, [...new Set(ids)], this.clock.now(), this.config.delivery.leaseMs);
    return ids.map((id) => {
      const row = claimed.get(id) ?? null;
      claimed.delete(id);
      return row;
    });
  });

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(DELIVERIES_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly sender: DeliverySender,
    private readonly deliveries: DeliveryQueue,
  ) {
    super();
    this.redis = createRedis(config.redisUrl, 'worker');
    this.limiter = new RobotLimiter(this.redis, config.queuePrefix);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.delivery.concurrency;
    // Upserted at start, so a changed DELIVERY_SWEEP_MS replaces the period stored in Redis.
    await this.ensureSweep({ replace: true });
    // The scheduler lives in Redis: if Redis loses its data, this puts it back (idempotent).
    this.watchdog = setInterval(() => void this.ensureSweep().catch(() => undefined), Math.max(2_000, this.config.delivery.sweepMs * 2));
    this.watchdog.unref();
    this.backlogWatch = setInterval(() => void this.followEngineBacklog().catch(() => undefined), BACKLOG_CHECK_MS);
    this.backlogWatch.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.watchdog);
    clearInterval(this.backlogWatch);
    this.redis.disconnect();
  }

  /**
   * While the reminder engine works through a burst (its mark in Redis), sends run at a trickle
   * (BACKLOG_CONCURRENCY) and the periodic sweep waits, so the burst's decisions and writes take the
   * machine first; when the mark goes, full concurrency returns (the engine itself asks for the sweep
   * that queues what the burst left). Sends are only delayed, never dropped, never stopped altogether.
   */
  async followEngineBacklog(): Promise<void> {
    // One look at a time: with Redis away a look waits (this connection retries), and looks must not pile up.
    if (this.lookingAtBacklog) return;
    this.lookingAtBacklog = true;
    try {
      this.engineBacklog = (await this.redis.exists(engineBacklogKey(this.config.queuePrefix))) === 1;
    } finally {
      this.lookingAtBacklog = false;
    }
    const wanted = this.engineBacklog ? Math.min(BACKLOG_CONCURRENCY, this.config.delivery.concurrency) : this.config.delivery.concurrency;
    if (this.worker.concurrency !== wanted) this.worker.concurrency = wanted;
  }

  async ensureSweep({ replace = false } = {}): Promise<void> {
    if (!replace && (await this.queue.getJobScheduler(DELIVERY_SWEEP_SCHEDULER_ID))) return;
    await this.queue.upsertJobScheduler(
      DELIVERY_SWEEP_SCHEDULER_ID,
      { every: this.config.delivery.sweepMs },
      { name: DELIVERY_JOBS.sweep, opts: { removeOnComplete: true, removeOnFail: true } },
    );
  }

  async process(job: Job, token?: string): Promise<string> {
    // During a burst the periodic sweep waits: it would queue the burst's rows one page after another while the
    // engine still writes them. The sweep the engine asks for when the burst is over (AFTER_BURST_SWEEP) queues them all.
    if (job.name === DELIVERY_JOBS.sweep) {
      const afterBurst = job.id?.startsWith(AFTER_BURST_SWEEP) ?? false;
      if (this.engineBacklog && !afterBurst) return 'deferred: the reminder engine is in a burst';
      return `queued ${await this.sweep({ pages: afterBurst ? Infinity : 1 })}`;
    }
    const { deliveryId } = job.data as SendJobData;
    const now = this.clock.now();
    // Claim first: one statement decides whether this job has anything to do (pending, due, not leased).
    // A digest row is claimed together with every other due digest row of its person, in one statement,
    // so two of their jobs running at once cannot each send a digest.
    const single = await this.claims.add(deliveryId);
    const digestOf = single ? null : await digestRecipientOf(this.db.manager, deliveryId);
    const claimed = single
      ? [single.delivery]
      : digestOf
        ? await claimDigest(this.db.manager, digestOf, now, this.config.delivery.leaseMs)
        : [];
    if (claimed.length === 0) return 'nothing to do';
    const row = claimed[0];
    const offPeak = this.config.delivery.feishuOffPeak ? offPeakInstant(row.channel, now) : null;
    if (offPeak) {
      // Feishu asks for nothing exactly on :00 and :30: the row moves to a random instant of the next minutes,
      // its attempt given back; this job ends and the sweep queues the row again as that instant comes near.
      await postponeClaim(this.db.manager, row.id, offPeak);
      return `postponed to ${offPeak.toISOString()} (Feishu: not on :00 or :30)`;
    }
    const { slotAt } = job.data as SendJobData & { slotAt?: number };
    if (slotAt !== undefined) {
      // This job already holds the robot slot it waited for: use it (once; a retry takes a new one).
      await job.updateData({ deliveryId });
    } else if (row.channelId) {
      const wait = await this.limiter.reserve(row.channel, row.channelId);
      if (wait > 0) {
        // Over the robot's rate: the slot is reserved; give the attempt back and come back then. Delayed, never dropped.
        // The row names its slot as its next attempt, so the sweep leaves it alone until the slot comes near.
        await postponeClaim(this.db.manager, row.id, new Date(now.getTime() + wait));
        await job.updateData({ deliveryId, slotAt: Date.now() + wait });
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
    }
    let result: SendResult;
    try {
      result = single ? await this.sender.sendClaimed(single, now) : await this.sender.sendDigest(claimed, now);
    } catch (err) {
      // A bug or a database error, not the peer's answer: keep the row and try again.
      result = { ok: false, retry: true, httpStatus: null, vendorCode: null, message: err instanceof Error ? err.message : String(err) };
    }
    return this.settle(job, claimed, result);
  }

  /**
   * Queues pending rows due within the horizon (rows Redis lost, rows a burst left to it), a page of
   * SWEEP_PAGE at a time, up to `pages` pages: the periodic sweep takes one page a period, the sweep after
   * a burst takes everything. Rows parked for a robot's slot carry the slot as their next attempt, so a
   * sweep reads them only as the slot comes near (their delayed jobs are still there unless Redis lost
   * them). The job id (the row id) keeps what is queued from doubling.
   */
  async sweep({ pages = Infinity }: { pages?: number } = {}): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    let after: string | undefined;
    for (let page = 0; page < pages; page++) {
      const due = await findDue(this.db.manager, now, QUEUE_HORIZON_MS, SWEEP_PAGE, after);
      await this.deliveries.enqueue(due, { waitMs: Infinity });
      queued += due.length;
      if (due.length < SWEEP_PAGE) break;
      after = due[due.length - 1].position;
    }
    return queued;
  }

  private async settle(job: Job, rows: ClaimedDelivery[], result: SendResult): Promise<string> {
    const now = this.clock.now();
    if ('skipped' in result) {
      await settleDeliveries(this.db.manager, rows, { status: 'skipped', lastError: result.skipped });
      return 'skipped';
    }
    if (result.ok) {
      // The common case, batched: every attempt that succeeds while a batch is being written joins the next one.
      await Promise.all(rows.map((r) => this.sentBatch.add({ id: r.id, attempts: r.attempts, at: now })));
      return 'sent';
    }
    const why = [
      result.httpStatus && `HTTP ${result.httpStatus}`,
      result.vendorCode !== null && `code ${result.vendorCode}`,
      result.message,
    ]
      .filter(Boolean)
      .join(': ');
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!result.retry || lastTry) {
      await settleDeliveries(this.db.manager, rows, { status: 'failed', lastError: why, nextAttemptAt: null });
      throw new UnrecoverableError(why);
    }
    if (result.retryAfterMs !== undefined) {
      // The peer said when: that is the next attempt (deliveryBackoff reads it from the error).
      await settleDeliveries(this.db.manager, rows, {
        status: 'pending',
        lastError: why,
        nextAttemptAt: new Date(now.getTime() + result.retryAfterMs),
      });
      throw new RetryAfterError(why, result.retryAfterMs);
    }
    // The earliest the jittered backoff can bring the job back: the claim must not refuse it then.
    const soonest = Math.floor((this.config.delivery.retryBaseMs * 2 ** job.attemptsMade) / 2);
    await settleDeliveries(this.db.manager, rows, { status: 'pending', lastError: why, nextAttemptAt: new Date(now.getTime() + soonest) });
    throw new Error(why);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job?.name === DELIVERY_JOBS.send) this.logger.warn(`delivery ${job.id} attempt ${job.attemptsMade} failed: ${error.message}`);
  }
}
