import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiIds, ApiInstant } from '../../common/openapi';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './delivery.entity';

/** One outward delivery of a notification (e-mail, robot, webhook); the target is masked. */
export class DeliveryResponse {
  @ApiId()
  id: string;

  @ApiId()
  notificationId: string;

  @ApiId({ nullable: true })
  resolutionId: string | null;

  @ApiId({ nullable: true })
  councilId: string | null;

  @ApiProperty({ enum: DELIVERY_CHANNELS })
  channel: string;

  @ApiId({ nullable: true, description: 'The council channel (robot or webhook) of a group message' })
  channelId: string | null;

  @ApiId({ nullable: true, description: 'The person an e-mail goes to' })
  recipientId: string | null;

  @ApiIds({ description: 'Everyone a group message names' })
  mentionIds: string[];

  @ApiProperty({ description: 'Where it goes, masked (never a secret or a robot token)' })
  target: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: string;

  @ApiProperty({ type: 'integer' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiInstant({ nullable: true, description: 'Set while pending' })
  nextAttemptAt: Date | null;

  @ApiInstant({ nullable: true })
  sentAt: Date | null;

  @ApiInstant()
  createdAt: Date;
}

/** What the vendor answered to a test message. */
export class ChannelTestResponse {
  @ApiProperty()
  ok: boolean;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null when no HTTP answer came' })
  httpStatus: number | null;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    nullable: true,
    description: 'The vendor’s own code (errcode, code…), when it gave one',
  })
  vendorCode: string | number | null;

  @ApiProperty()
  message: string;
}
