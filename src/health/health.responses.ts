import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const PROBE = ['up', 'down'];

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status: string;
}

export class ReadinessChecksResponse {
  @ApiProperty({ enum: PROBE })
  postgres: string;

  @ApiProperty({ enum: PROBE })
  redis: string;

  @ApiPropertyOptional({ enum: PROBE, description: 'The `all` role only: jobs are being consumed' })
  jobs?: string;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: string;

  @ApiProperty({ type: ReadinessChecksResponse })
  checks: ReadinessChecksResponse;

  @ApiPropertyOptional({ description: 'Why `jobs` is down' })
  reason?: string;
}
