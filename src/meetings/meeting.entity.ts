import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';

export const MEETING_KINDS = ['regular', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

@Entity('meetings')
@Check('meetings_kind_check', oneOf('kind', MEETING_KINDS))
@Index('meetings_council_held_idx', ['councilId', 'heldAt'])
export class Meeting extends BaseRecord {
  @ForeignKey('councils', { name: 'fk_meetings_council_id', onDelete: 'RESTRICT' })
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

  /** Each element refers to an existing row: the constraint triggers `fk_meetings_attendee_ids` (not a foreign key). */
  @Column({ type: 'uuid', array: true, name: 'attendee_ids', default: () => "'{}'" })
  attendeeIds: string[];

  @Column({ type: 'text', nullable: true })
  minutes: string | null;
}
