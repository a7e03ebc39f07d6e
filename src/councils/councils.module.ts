import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { CouncilAuditController } from './council-audit.controller';
import { CouncilsController } from './councils.controller';
import { CouncilsService } from './councils.service';

@Module({
  imports: [AuditModule, CalendarsModule],
  controllers: [CouncilsController, CouncilAuditController],
  providers: [CouncilsService],
  exports: [CouncilsService],
})
export class CouncilsModule {}
