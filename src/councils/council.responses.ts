import { ApiProperty, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiId, ApiIds, ApiInstant } from '../common/openapi';
import { CHANNEL_KINDS } from './channel-kinds';
import { CHANNEL_TYPES } from './council-channel.entity';
import { councilPolicySchema } from './policy';

/** The name of the policy's schema in the document (components.schemas). */
export const POLICY_SCHEMA_NAME = 'CouncilPolicy';

/**
 * A council's policy as stored (any subset of the keys, plus per-priority `overrides`), as JSON Schema
 * drawn from the zod schema that validates it, so the two cannot drift. The refinements (offset and
 * cron syntax, levels rising step by step) are the server's to check; a refused policy is a 400 naming
 * the key.
 */
export function policySchema(): SchemaObject {
  const schema = z.toJSONSchema(councilPolicySchema, { target: 'openapi-3.0', unrepresentable: 'any' }) as SchemaObject;
  return { ...schema, description: 'The council’s own policy keys (DESIGN.md); what it leaves out takes the defaults' };
}

/** A reference to the policy's schema. */
export const POLICY_REF = { $ref: getSchemaPath(POLICY_SCHEMA_NAME) };

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

  @ApiProperty({ allOf: [POLICY_REF] })
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

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Why Duban turned it off (a webhook answering 410 Gone); cleared when it is enabled again',
  })
  disabledReason: string | null;

  @ApiInstant({ nullable: true, description: 'When Duban turned it off' })
  disabledAt: Date | null;

  @ApiInstant()
  createdAt: Date;

  @ApiInstant()
  updatedAt: Date;
}

export class ChannelListResponse {
  @ApiProperty({ type: ChannelResponse, isArray: true })
  items: ChannelResponse[];
}
