import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BULLETINS_QUEUE } from '../common/queues';
import { BulletinScheduleService, RescheduleBulletinOnPolicyChange } from './bulletin-schedule.service';
import { BulletinScheduleReconciler, BulletinsProcessor } from './bulletins.processor';
import { CouncilsModule } from '../councils/councils.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { AssessmentService } from './assessment.service';
import { BoardService } from './board.service';
import { BulletinsController } from './bulletins.controller';
import { BulletinsService } from './bulletins.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { ResolutionsModule } from '../resolutions/resolutions.module';
import { FollowUpService } from './follow-up.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';

/** The board, assessment, pre-meeting follow-up and bulletins: read models over the workflow's data. */
@Module({
  imports: [BullModule.registerQueue({ name: BULLETINS_QUEUE }), CouncilsModule, MeetingsModule, NotificationsModule, ResolutionsModule],
  controllers: [SupervisionController, BulletinsController],
  providers: [
    SupervisionRepository,
    BoardService,
    AssessmentService,
    FollowUpService,
    BulletinsService,
    BulletinScheduleService,
    RescheduleBulletinOnPolicyChange,
  ],
  exports: [BulletinsService, BulletinScheduleService, RescheduleBulletinOnPolicyChange],
})
export class SupervisionModule {}

/** The worker's part: issues scheduled bulletins and keeps the per-council schedulers in place. */
@Module({
  imports: [SupervisionModule],
  providers: [BulletinsProcessor, BulletinScheduleReconciler],
})
export class SupervisionWorkerModule {}
