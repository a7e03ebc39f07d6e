import { Module } from '@nestjs/common';
import { CouncilsModule } from '../councils/councils.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RecipientsService } from './recipients';

@Module({
  imports: [CouncilsModule, OrganizationsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, RecipientsService],
  exports: [NotificationsService, RecipientsService],
})
export class NotificationsModule {}
