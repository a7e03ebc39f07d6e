import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptionalNotNull } from '../common/validation';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class CreatePersonDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_.@-]{2,64}$/, { message: 'username must be 2–64 letters, digits or _ . @ -' })
  username: string;

  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsUUID()
  organizationId: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  @IsOptional()
  @IsEmail()
  email?: string | null;

  @IsOptional()
  @Matches(/^\+?[0-9 -]{5,20}$/, { message: 'phone must be 5–20 digits' })
  phone?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  dingtalkUserId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  wecomUserId?: string | null;

  @IsOptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;
}

/** Admins may change anything; a person changing themselves may not touch isAdmin or organizationId. */
export class UpdatePersonDto extends PartialType(OmitType(CreatePersonDto, ['username'] as const), { skipNullProperties: false }) {}

export class ChannelPreferencesDto {
  @IsBoolean() inApp: boolean;
  @IsBoolean() email: boolean;
  @IsBoolean() dingtalk: boolean;
  @IsBoolean() wecom: boolean;
  @IsBoolean() feishu: boolean;
  @IsBoolean() webhook: boolean;
}

export class QuietHoursDto {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start must be a time HH:MM' })
  start: string;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'end must be a time HH:MM' })
  end: string;
}

export class DigestDto {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'at must be a time HH:MM' })
  at: string;
}

export class PreferencesDto {
  /** Required: without IsObject an absent `channels` skipped validation and wiped every channel choice. */
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelPreferencesDto)
  channels: ChannelPreferencesDto;

  /** Personal quiet hours; null turns them off, absent uses the council's. */
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  /** Whether level-3 escalations and urges come through quiet hours (default true). */
  @IsOptionalNotNull()
  @IsBoolean()
  urgentBypass?: boolean;

  /** One e-mail a day at this local time with the non-urgent notices; null turns it off. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DigestDto)
  digest?: DigestDto | null;

  /** The language of outward messages (default zh-CN). */
  @IsOptionalNotNull()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}
