import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CouncilsModule } from '../councils/councils.module';
import { PeopleModule } from '../people/people.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [AuditModule, CouncilsModule, PeopleModule],
  controllers: [MeetingsController],
  providers: [MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
