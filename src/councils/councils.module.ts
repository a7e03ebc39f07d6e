import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { CouncilAuditController } from './council-audit.controller';
import { CouncilSettingsService } from './council-settings.service';
import { CouncilRepository } from './council.repository';
import { CouncilsController } from './councils.controller';
import { CouncilsService } from './councils.service';

@Module({
  imports: [AuditModule, CalendarsModule],
  controllers: [CouncilsController, CouncilAuditController],
  providers: [CouncilsService, CouncilSettingsService, CouncilRepository],
  exports: [CouncilsService],
})
export class CouncilsModule {}
