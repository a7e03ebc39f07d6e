import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('progress_reports')
@Index('progress_reports_resolution_idx', ['resolutionId', 'reportedAt'])
export class ProgressReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('resolutions', { name: 'fk_progress_reports_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id' })
  resolutionId: string;

  @ForeignKey('people', { name: 'fk_progress_reports_author_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'author_id' })
  authorId: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'smallint' })
  percent: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'reported_at' })
  reportedAt: Date;
}
