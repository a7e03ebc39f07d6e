import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The verdict on a hash chain of audit events. */
export class ChainVerdictResponse {
  @ApiProperty()
  ok: boolean;

  @ApiProperty({ type: 'integer', description: 'How many events were found intact' })
  checked: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The first event whose link does not hold (absent when events are missing at the end)',
  })
  firstBrokenEventId?: string;

  @ApiPropertyOptional({ description: 'Position of the first broken link (a bigint, as text)' })
  firstBrokenSeq?: string;
}
