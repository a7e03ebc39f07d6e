import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../common/validation';
import { MEETING_KINDS, type MeetingKind } from './meeting.entity';

export class CreateMeetingDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @IsIn(MEETING_KINDS)
  kind: MeetingKind;

  /** ISO-8601 instant with offset, e.g. 2026-11-20T09:30:00+08:00 (without an offset the time would be ambiguous). */
  @ApiProperty({ example: '2026-11-20T09:30:00+08:00' })
  @IsInstant()
  heldAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(500)
  attendeeIds?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  minutes?: string | null;
}
