import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiId, ApiIds, ApiInstant } from '../common/openapi';
import { CHANNEL_KINDS } from './channel-kinds';
import { CHANNEL_TYPES } from './council-channel.entity';

/** A council's policy as stored: any subset of the keys, plus per-priority `overrides`. */
export const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: 'The council’s own policy keys (DESIGN.md); what it leaves out takes the defaults',
} as const;

export class CouncilResponse {
  @ApiId()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  timezone: string;

  @ApiProperty({ enum: ['cn', 'weekdays', 'all'], description: 'The working-day calendar deadlines are counted on' })
  calendar: string;

  @ApiProperty(POLICY_SCHEMA)
  policy: Record<string, unknown>;

  @ApiIds()
  memberOrganizationIds: string[];

  @ApiId({ nullable: true })
  chairId: string | null;

  @ApiIds()
  secretaryIds: string[];

  @ApiIds()
  supervisorIds: string[];

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}

/** `GET /councils`: every council the caller belongs to, on one page. */
export class CouncilListResponse {
  @ApiProperty({ type: CouncilResponse, isArray: true })
  items: CouncilResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is never paged' })
  nextCursor: string | null;
}

/** A robot or webhook channel; its secret is never returned. */
export class ChannelResponse {
  @ApiId()
  id: string;

  @ApiId()
  councilId: string;

  @ApiProperty({ enum: CHANNEL_TYPES })
  type: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'Masked: the token in the query string or path is never shown' })
  url: string;

  @ApiProperty()
  hasSecret: boolean;

  @ApiProperty({ enum: CHANNEL_KINDS, isArray: true, description: 'The notification kinds it carries' })
  kinds: string[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3, description: 'The lowest escalation level it carries' })
  minLevel: number;

  @ApiProperty()
  enabled: boolean;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}

export class ChannelListResponse {
  @ApiProperty({ type: ChannelResponse, isArray: true })
  items: ChannelResponse[];
}

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
