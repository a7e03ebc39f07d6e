import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiInstant } from '../common/openapi';
import { NOTIFICATION_KINDS } from './notification.entity';

/** A message in the caller's inbox. */
export class NotificationResponse {
  @ApiId()
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: string;

  @ApiId({ nullable: true })
  resolutionId: string | null;

  @ApiId({ nullable: true })
  councilId: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 3, description: 'The escalation level, for an escalation' })
  level: number | null;

  @ApiProperty()
  title: string;

  @ApiProperty()
  body: string;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant({ nullable: true, description: 'null while unread' })
  readAt: Date | null;
}
