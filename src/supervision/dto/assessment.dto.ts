import { ApiProperty } from '@nestjs/swagger';
import { IsDeadline } from '../../resolutions/resolution.dto';

export class AssessmentQuery {
  /** First day of the period (a date: from its start in the council's zone) or an instant with offset. */
  @ApiProperty({ example: '2026-01-01' })
  @IsDeadline()
  from: string;

  /** Last day of the period (a date: to its end in the council's zone) or an instant; at most three years after `from`. */
  @ApiProperty({ example: '2026-03-31' })
  @IsDeadline()
  to: string;
}
