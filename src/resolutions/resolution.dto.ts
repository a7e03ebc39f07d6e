import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { IsCursor } from '../common/pagination';
import { IsInstant, IsOptionalNotNull } from '../common/validation';
import { CHECK_METHODS, CHECK_RATINGS, type CheckMethod, type CheckRating } from './supervision-check.entity';
import { isDeadlineText } from './deadline';
import { PRIORITIES, type Priority } from './resolution-workflow';

/** A date (end of that day in the council's zone) or an ISO-8601 instant with offset. */
export function IsDeadline(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDeadline',
      validator: {
        validate: isDeadlineText,
        defaultMessage: (a) => `${a?.property} must be a date (YYYY-MM-DD) or an ISO-8601 instant with offset`,
      },
    },
    options,
  );
}

export class RegisterResolutionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string | null;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** Outward messages about a confidential item carry only a notice and the link. */
  @IsOptionalNotNull()
  @IsBoolean()
  confidential?: boolean;

  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string | null;

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  coOrganizationIds?: string[];

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'a date (end of that day in the council zone) or an instant with offset' })
  @IsOptional()
  @IsDeadline()
  dueAt?: string | null;
}

/** Every transition names the version it was based on. */
export class VersionedDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  version: number;
}

export class AssignDto extends VersionedDto {
  @IsUUID()
  leadOrganizationId: string;

  @IsUUID()
  ownerId: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsDeadline()
  dueAt: string;

  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  coOrganizationIds?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

/** Every field optional, but the ones assign requires may not be set to null (an item keeps its lead, owner and deadline). */
export class ReassignDto extends PartialType(
  PickType(AssignDto, ['leadOrganizationId', 'ownerId', 'dueAt', 'coOrganizationIds', 'note'] as const),
  { skipNullProperties: false },
) {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  version: number;
}

export class AcceptDto extends VersionedDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class ProgressDto extends VersionedDto {
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  note: string;

  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;
}

export class ExtensionRequestDto extends VersionedDto {
  @ApiProperty({ example: '2027-01-31' })
  @IsDeadline()
  requestedDueAt: string;

  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}

export class DecisionDto extends VersionedDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class CompletionRequestDto extends VersionedDto {
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  evidence?: string;
}

export class VerifyDto extends VersionedDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;

  @IsOptional()
  @IsIn(CHECK_RATINGS)
  rating?: CheckRating;
}

export class ReasonDto extends VersionedDto {
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;
}

export class UrgeDto extends VersionedDto {
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note: string;
}

export class CheckDto extends VersionedDto {
  @ApiProperty({ example: '2026-03-05T10:00:00+08:00' })
  @IsInstant()
  checkedAt: string;

  @IsIn(CHECK_METHODS)
  method: CheckMethod;

  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  inspectorIds: string[];

  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  findings: string;

  @IsIn(CHECK_RATINGS)
  rating: CheckRating;
}

/** `POST /meetings/:id/resolutions/import?dryRun=true` checks every row and saves nothing. */
export class ImportQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'check every row as the import would, save nothing' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

const SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt', '-daysOverdue'] as const;
export type ResolutionSort = (typeof SORTS)[number];

export class ListResolutionsQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(512) @IsCursor(['instant', 'uuid']) cursor?: string;
  @IsOptional() @IsUUID() councilId?: string;
  @IsOptional() @IsUUID() meetingId?: string;
  @IsOptional() @IsUUID() parentId?: string;
  @IsOptional() @IsUUID() ownerId?: string;
  /** Lead or co-handling organization. */
  @IsOptional() @IsUUID() organizationId?: string;
  @IsOptional() @IsIn(['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled']) status?: string;
  @IsOptional() @IsIn(['green', 'yellow', 'red']) light?: 'green' | 'yellow' | 'red';
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3) escalationLevel?: number;
  @IsOptional() @IsDeadline() dueBefore?: string;
  @IsOptional() @IsDeadline() dueAfter?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(SORTS) sort?: ResolutionSort;
}
