import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A supervisor's one-click urge (一键催办), kept as a record of its own. */
@Entity('urges')
@Index('urges_resolution_idx', ['resolutionId', 'createdAt'])
export class Urge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('resolutions', { name: 'fk_urges_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id' })
  resolutionId: string;

  @ForeignKey('people', { name: 'fk_urges_urged_by_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'urged_by_id' })
  urgedById: string;

  @Column({ type: 'text' })
  note: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
