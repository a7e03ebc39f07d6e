import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptionalNotNull } from '../common/validation';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  Max,
  Min,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { CHANNEL_KINDS } from './channel-kinds';
import { CHANNEL_TYPES, type ChannelType } from './council-channel.entity';
import { CALENDAR_KINDS, type CalendarKind } from './council.entity';

@ValidatorConstraint({ name: 'isTimeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as Asia/Shanghai';
  }
}

export class CreateCouncilDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  memberOrganizationIds: string[];

  @IsUUID()
  chairId: string;

  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  secretaryIds: string[];

  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  supervisorIds: string[];

  @IsOptionalNotNull()
  @Validate(IsTimeZone)
  timezone?: string;

  @IsOptionalNotNull()
  @IsIn(CALENDAR_KINDS)
  calendar?: CalendarKind;

  /** The reminder / escalation policy (DESIGN.md); validated as PUT /councils/:id/policy does. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  policy?: Record<string, unknown>;
}

/** Every field optional; only description may be cleared with null (a council always has a chair, members, zone…). */
export class UpdateCouncilDto extends PartialType(CreateCouncilDto, { skipNullProperties: false }) {}

export class CreateChannelDto {
  @IsIn(CHANNEL_TYPES)
  type: ChannelType;

  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url: string;

  /** DingTalk's signing secret (加签), Feishu's, or a webhook's `whsec_…`; never returned. Required for dingtalk and webhook. */
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  secret?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** The notification kinds it receives; default overdue, escalated, urged, bulletin. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(CHANNEL_KINDS.length)
  @IsIn(CHANNEL_KINDS, { each: true })
  kinds?: string[];

  /** Only notices of at least this escalation level (0 to 3; default 0). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(3)
  minLevel?: number;

  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/** Every field optional; `type` cannot change (make a new channel). */
export class UpdateChannelDto extends PartialType(OmitType(CreateChannelDto, ['type'] as const)) {}
