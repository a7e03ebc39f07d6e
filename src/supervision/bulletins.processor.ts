import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock } from '../common/clock';
import { BULLETIN_JOBS, BULLETINS_QUEUE, type IssueBulletinJobData } from '../common/queues';
import { BulletinScheduleService } from './bulletin-schedule.service';
import { BulletinsService } from './bulletins.service';

const RECONCILE_EVERY_MS = 60_000;

/** Issues scheduled bulletins (worker roles). Idempotent: a second run of one firing finds its bulletin stored. */
@Processor(BULLETINS_QUEUE, { concurrency: 2 })
export class BulletinsProcessor extends WorkerHost {
  private readonly logger = new Logger('BulletinsProcessor');

  constructor(
    private readonly bulletins: BulletinsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<IssueBulletinJobData>): Promise<string | null> {
    if (job.name !== BULLETIN_JOBS.issue) return null;
    // Cron fires on whole minutes: every handling of one firing (a retry, a second worker after a
    // lapsed lock) lands on the same period end, which the unique key turns into a single bulletin.
    const now = this.clock.now().getTime();
    return this.bulletins.generateScheduled(job.data.councilId, new Date(now - (now % 60_000)));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`bulletin ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`);
  }
}

/** Puts every council's bulletin scheduler in place at start, and again every minute. */
@Injectable()
export class BulletinScheduleReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BulletinSchedule');
  private timer?: NodeJS.Timeout;

  constructor(private readonly schedule: BulletinScheduleService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async reconcile(): Promise<void> {
    try {
      await this.schedule.reconcileAll();
    } catch (err) {
      this.logger.warn(`bulletin schedulers not reconciled: ${(err as Error).message}`);
    }
  }
}
