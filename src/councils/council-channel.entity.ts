import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const CHANNEL_TYPES = ['dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

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
}
