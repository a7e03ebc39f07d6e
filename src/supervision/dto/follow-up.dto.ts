import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const FOLLOW_UP_FORMATS = ['json', 'xlsx'] as const;

export class FollowUpQuery {
  /** `json` (default) or `xlsx` (one sheet, for printing with the agenda). */
  @ApiPropertyOptional({ enum: FOLLOW_UP_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FOLLOW_UP_FORMATS)
  format?: (typeof FOLLOW_UP_FORMATS)[number];
}
