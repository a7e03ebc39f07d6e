import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { REMINDER_JOBS, REMINDERS_QUEUE } from '../common/queues';
import { ActionHandlerService } from './action-handler.service';
import { DispatcherService } from './dispatcher.service';

/** Consumes the reminders queue: dispatcher ticks and fire jobs. */
@Processor(REMINDERS_QUEUE, { concurrency: Number(process.env.REMINDER_CONCURRENCY ?? 4) })
export class RemindersProcessor extends WorkerHost {
  private readonly logger = new Logger('RemindersProcessor');

  constructor(
    private readonly dispatcher: DispatcherService,
    private readonly handler: ActionHandlerService,
  ) {
    super();
  }

  async process(job: Job): Promise<number> {
    switch (job.name) {
      case REMINDER_JOBS.dispatch:
        return this.dispatcher.tick();
      case REMINDER_JOBS.fire:
        return this.handler.processDue();
      default:
        return 0;
    }
  }

  /** A failed attempt is retried (fire jobs) or repeated (the dispatcher); it must still be visible. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`);
  }
}
