import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { REMINDERS_QUEUE } from '../common/queues';
import { CouncilsModule } from '../councils/councils.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ResolutionsModule } from '../resolutions/resolutions.module';
import { ActionHandlerService } from './action-handler.service';
import { DispatcherService } from './dispatcher.service';
import { FailedActionsController } from './failed-actions.controller';
import { FailedActionsService } from './failed-actions.service';
import { ReminderEngine } from './reminder-engine.service';
import { ReplanOnPolicyChange, ScheduleOnTransition } from './reminder-participants';
import { ReminderQueue } from './reminder-queue.service';
import { RemindersProcessor } from './reminders.processor';
import { ResolutionTimelineController } from './resolution-timeline.controller';
import { ResolutionTimelineService } from './resolution-timeline.service';
import { ScheduleSyncService } from './schedule-sync.service';
import { ScheduledActionRepository } from './scheduled-action.repository';

/**
 * The engine as every role needs it: recompute schedules in transactions (as a participant of the
 * resolution transition and council policy hooks, bound in app.module.ts), write notices, enqueue.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: REMINDERS_QUEUE }),
    AuditModule,
    CalendarsModule,
    CouncilsModule,
    NotificationsModule,
    ResolutionsModule,
  ],
  controllers: [ResolutionTimelineController, FailedActionsController],
  providers: [
    ScheduledActionRepository,
    ScheduleSyncService,
    ReminderQueue,
    ReminderEngine,
    ScheduleOnTransition,
    ReplanOnPolicyChange,
    ResolutionTimelineService,
    FailedActionsService,
  ],
  exports: [
    ScheduledActionRepository,
    ReminderEngine,
    ScheduleOnTransition,
    ReplanOnPolicyChange,
    ScheduleSyncService,
    ReminderQueue,
    BullModule,
  ],
})
export class RemindersModule {}

/**
 * The handler that carries out due actions, with no BullMQ consumer: whoever imports this alone
 * calls `processDue()` itself at the clock's instant (the demo loader replaying history, the
 * integration tests moving a ManualClock).
 */
@Module({
  imports: [RemindersModule, AuditModule, CalendarsModule, CouncilsModule, NotificationsModule, ResolutionsModule],
  providers: [ActionHandlerService],
  exports: [ActionHandlerService],
})
export class ReminderHandlerModule {}

/** The worker's part: the handler, the dispatcher and the processor that consumes the queue (roles `worker` and `all`). */
@Module({
  imports: [RemindersModule, ReminderHandlerModule],
  providers: [DispatcherService, RemindersProcessor],
  // The processor is exported for the worker's readiness (src/health/job-readiness.ts).
  exports: [ReminderHandlerModule, DispatcherService, RemindersProcessor],
})
export class ReminderWorkerModule {}
