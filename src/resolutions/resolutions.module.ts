import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CouncilsModule } from '../councils/councils.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleModule } from '../people/people.module';
import { ExtensionRequestRepository } from './extension-request.repository';
import { ResolutionRepository } from './resolution.repository';
import { DeadlineFeedController } from './deadline-feed.controller';
import { ResolutionImportService } from './resolution-import.service';
import { ResolutionListService } from './resolution-list.service';
import { ResolutionTransitionsController } from './resolution-transitions.controller';
import { ResolutionTransitionsService } from './resolution-transitions.service';
import { ResolutionsController } from './resolutions.controller';
import { ResolutionsService } from './resolutions.service';

/** Resolutions and their workflow. Transitions run the ResolutionTransitionHook (bound in app.module.ts). */
@Module({
  imports: [AuditModule, CouncilsModule, MeetingsModule, OrganizationsModule, PeopleModule],
  controllers: [ResolutionsController, ResolutionTransitionsController, DeadlineFeedController],
  providers: [
    ResolutionsService,
    ResolutionTransitionsService,
    ResolutionListService,
    ResolutionImportService,
    ResolutionRepository,
    ExtensionRequestRepository,
  ],
  exports: [ResolutionsService],
})
export class ResolutionsModule {}
