import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../database/entity-columns';

export interface ChannelPreferences {
  inApp: boolean;
  email: boolean;
  dingtalk: boolean;
  wecom: boolean;
  feishu: boolean;
  webhook: boolean;
}

export interface NotificationPreferences {
  channels: ChannelPreferences;
  /** null turns quiet hours off for this person; absent means "use the council's". */
  quietHours?: { start: string; end: string } | null;
  /** Level-3 escalations and urges come through quiet hours (absent: true). */
  urgentBypass?: boolean;
  /** Collect the non-urgent kinds into one e-mail a day at this local time (council's zone); null or absent: off. */
  digest?: { at: string } | null;
  /** The language of outward messages; absent: zh-CN. */
  locale?: 'zh-CN' | 'en';
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: { inApp: true, email: false, dingtalk: false, wecom: false, feishu: false, webhook: false },
};

@Entity('people')
export class Person extends BaseRecord {
  @Index('people_username_key', { unique: true })
  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  name: string;

  @ForeignKey('organizations', { name: 'fk_people_organization_id', onDelete: 'RESTRICT' })
  @Index('people_organization_idx')
  @Column({ type: 'uuid', name: 'organization_id' })
  organizationId: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', name: 'dingtalk_user_id', nullable: true })
  dingtalkUserId: string | null;

  @Column({ type: 'text', name: 'wecom_user_id', nullable: true })
  wecomUserId: string | null;

  @Column({ type: 'boolean', name: 'is_admin', default: false })
  isAdmin: boolean;

  @Column({ type: 'jsonb', default: DEFAULT_PREFERENCES })
  preferences: NotificationPreferences;

  /** Secret for the iCalendar feed URL; rotated on request. */
  @Column({ type: 'text', name: 'calendar_token', nullable: true, select: false })
  calendarToken: string | null;
}
