import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsDeadline } from '../../resolutions/resolution.dto';

export class CreateBulletinDto {
  /** First day of the period (a date: from its start in the council's zone) or an instant with offset. */
  @ApiProperty({ example: '2026-03-01' })
  @IsDeadline()
  periodStart: string;

  /** Last day (a date: to its end in the council's zone) or an instant; not before the start, at most three years after it. */
  @ApiProperty({ example: '2026-03-31' })
  @IsDeadline()
  periodEnd: string;
}

export const BULLETIN_FORMATS = ['json', 'html', 'csv', 'xlsx', 'docx'] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

export class BulletinFormatQuery {
  /** `json` (default), `html` (printable A4), `csv` (UTF-8 with BOM), `xlsx` (a sheet per section) or `docx`. */
  @ApiPropertyOptional({ enum: BULLETIN_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(BULLETIN_FORMATS)
  format?: BulletinFormat;
}

export class ListBulletinsQuery extends PageQuery {}
