import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { REMINDER_JOBS, REMINDERS_QUEUE } from '../common/queues';
import { ActionHandlerService } from './action-handler.service';
import { DispatcherService } from './dispatcher.service';

/** Consumes the reminders queue: dispatcher ticks and fire jobs. */
@Processor(REMINDERS_QUEUE, { concurrency: Number(process.env.REMINDER_CONCURRENCY ?? 4) })
export class RemindersProcessor extends WorkerHost {
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
}
