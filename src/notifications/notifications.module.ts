import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DELIVERIES_QUEUE } from '../common/queues';
import { CouncilsModule } from '../councils/councils.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { DeliveriesController } from './delivery/deliveries.controller';
import { DeliveriesService } from './delivery/deliveries.service';
import { DeliveryOutbox } from './delivery/delivery-outbox.service';
import { DeliveryQueue } from './delivery/delivery-queue.service';
import { DeliverySender } from './delivery/delivery-sender.service';
import { DeliveryProcessor } from './delivery/delivery.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RecipientsService } from './recipients';

/** The inbox and the outbox: every role writes notifications and their deliveries. */
@Module({
  imports: [BullModule.registerQueue({ name: DELIVERIES_QUEUE }), CouncilsModule, OrganizationsModule],
  controllers: [NotificationsController, DeliveriesController],
  providers: [NotificationsService, RecipientsService, DeliveryQueue, DeliveryOutbox, DeliverySender, DeliveriesService],
  exports: [NotificationsService, RecipientsService, DeliveryQueue, DeliverySender],
})
export class NotificationsModule {}

/** The worker's part: sending deliveries and the sweep (roles `worker` and `all`). */
@Module({
  imports: [NotificationsModule, BullModule.registerQueue({ name: DELIVERIES_QUEUE })],
  providers: [DeliveryProcessor],
})
export class DeliveryWorkerModule {}
