import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';
import type { BulletinContent, BulletinSummary } from './bulletin-content';

export const BULLETIN_SOURCES = ['manual', 'scheduled'] as const;

/**
 * 督查通报: a snapshot of the figures for a period, computed once and stored, so every format rendered
 * later (JSON, HTML, CSV, XLSX, DOCX) carries the same figures whatever happened since.
 */
@Entity('bulletins')
@Check('bulletins_source_check', oneOf('source', BULLETIN_SOURCES))
@Check('bulletins_period_check', '"period_end" >= "period_start"')
@Index('bulletins_council_created_idx', ['councilId', 'createdAt'])
// One scheduled bulletin per council and firing, however many workers handle the job.
@Index('bulletins_scheduled_key', ['councilId', 'periodEnd'], { unique: true, where: `"source" = 'scheduled'` })
export class Bulletin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('councils', { name: 'fk_bulletins_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'timestamptz', name: 'period_start' })
  periodStart: Date;

  @Column({ type: 'timestamptz', name: 'period_end' })
  periodEnd: Date;

  @Column({ type: 'text' })
  source: (typeof BULLETIN_SOURCES)[number];

  /** Null for a scheduled bulletin. */
  @ForeignKey('people', { name: 'fk_bulletins_created_by_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @Column({ type: 'jsonb' })
  summary: BulletinSummary;

  @Column({ type: 'jsonb' })
  content: BulletinContent;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
