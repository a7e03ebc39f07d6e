import { ApiProperty } from '@nestjs/swagger';
import { ApiId, ApiIds, ApiInstant } from '../common/openapi';
import { MEETING_KINDS } from './meeting.entity';

export class MeetingResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: MEETING_KINDS })
  kind: string;

  @ApiInstant()
  heldAt: Date;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiIds()
  attendeeIds: string[];

  @ApiProperty({ type: String, nullable: true })
  minutes: string | null;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}
