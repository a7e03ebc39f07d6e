import { Module } from '@nestjs/common';
import { CouncilsModule } from '../councils/councils.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { AssessmentService } from './assessment.service';
import { BoardService } from './board.service';
import { BulletinsController } from './bulletins.controller';
import { BulletinsService } from './bulletins.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowUpService } from './follow-up.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';

/** The board, assessment, pre-meeting follow-up and bulletins: read models over the workflow's data. */
@Module({
  imports: [CouncilsModule, MeetingsModule, NotificationsModule],
  controllers: [SupervisionController, BulletinsController],
  providers: [SupervisionRepository, BoardService, AssessmentService, FollowUpService, BulletinsService],
  exports: [BulletinsService],
})
export class SupervisionModule {}
