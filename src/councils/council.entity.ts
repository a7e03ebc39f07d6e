import { Check, Column, Entity } from 'typeorm';
import { BaseRecord, oneOf } from '../database/entity-columns';
import type { CouncilPolicy } from './policy';

export const CALENDAR_KINDS = ['cn', 'weekdays', 'all'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

@Entity('councils')
@Check('councils_calendar_check', oneOf('calendar', CALENDAR_KINDS))
export class Council extends BaseRecord {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timezone: string;

  @Column({ type: 'text', default: 'cn' })
  calendar: CalendarKind;

  /** The council's policy as given (partial); defaults are filled in when it is read. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  policy: CouncilPolicy;

  /** Last number handed to a resolution of this council (numbers are per council, 1, 2, 3…). */
  @Column({ type: 'integer', name: 'resolution_seq', default: 0 })
  resolutionSeq: number;

  /** Head of this council's audit hash chain; updated last in every writing transaction. */
  @Column({ type: 'bigint', name: 'event_seq', default: 0, select: false })
  eventSeq: string;

  @Column({ type: 'text', name: 'event_head_hash', nullable: true, select: false })
  eventHeadHash: string | null;
}
