import { Check, Column, Entity, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const MEETING_KINDS = ['regular', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

@Entity('meetings')
@Check('meetings_kind_check', oneOf('kind', MEETING_KINDS))
@Index('meetings_council_held_idx', ['councilId', 'heldAt'])
export class Meeting extends BaseRecord {
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: MeetingKind;

  @Column({ type: 'timestamptz', name: 'held_at' })
  heldAt: Date;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'uuid', array: true, name: 'attendee_ids', default: () => "'{}'" })
  attendeeIds: string[];

  @Column({ type: 'text', nullable: true })
  minutes: string | null;
}
