import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';

export const CALENDAR_SOURCES = ['published', 'override'] as const;

/**
 * A day of the `cn` calendar that differs from Mon–Fri: an official holiday, an adjusted working
 * weekend (调休), or an admin's override. Seeded from the `chinese-days` package at start.
 */
@Entity('calendar_days')
@Check('calendar_days_source_check', oneOf('source', CALENDAR_SOURCES))
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'boolean', name: 'is_workday' })
  isWorkday: boolean;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text' })
  source: 'published' | 'override';

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
