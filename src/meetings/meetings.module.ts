import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CouncilsModule } from '../councils/councils.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [AuditModule, CouncilsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
