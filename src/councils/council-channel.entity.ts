import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const CHANNEL_TYPES = ['dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Robots and webhooks whose messages must be signed: a channel of these types is refused without a secret. */
export const SIGNED_TYPES: readonly ChannelType[] = ['dingtalk', 'webhook'];

/** A chat robot or webhook that receives the council's group notices. */
@Entity('council_channels')
@Check('council_channels_type_check', oneOf('type', CHANNEL_TYPES))
export class CouncilChannel extends BaseRecord {
  @ForeignKey('councils', { name: 'fk_council_channels_council_id', onDelete: 'RESTRICT' })
  @Index('council_channels_council_idx')
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'text' })
  type: ChannelType;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true, select: false })
  secret: string | null;

  /** The notification kinds this channel receives. */
  @Column({ type: 'text', array: true, default: () => "'{overdue,escalated,urged,bulletin}'" })
  kinds: string[];

  /** Only notices of at least this escalation level (0: all). */
  @Column({ type: 'smallint', name: 'min_level', default: 0 })
  minLevel: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why delivery turned the channel off by itself (a webhook answering 410 Gone); null otherwise. */
  @Column({ type: 'text', name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}
