import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';

export const CHECK_METHODS = ['site_visit', 'document_review', 'hearing'] as const;
export const CHECK_RATINGS = ['satisfactory', 'needs_improvement', 'unsatisfactory'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];
export type CheckRating = (typeof CHECK_RATINGS)[number];

@Entity('supervision_checks')
@Check('supervision_checks_method_check', oneOf('method', CHECK_METHODS))
@Check('supervision_checks_rating_check', oneOf('rating', CHECK_RATINGS))
@Index('supervision_checks_resolution_idx', ['resolutionId', 'checkedAt'])
@Index('supervision_checks_council_idx', ['councilId', 'checkedAt'])
export class SupervisionCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('resolutions', { name: 'fk_supervision_checks_resolution_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'resolution_id' })
  resolutionId: string;

  @ForeignKey('councils', { name: 'fk_supervision_checks_council_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'timestamptz', name: 'checked_at' })
  checkedAt: Date;

  @Column({ type: 'text' })
  method: CheckMethod;

  /** Each element refers to an existing row: the constraint triggers `fk_supervision_checks_inspector_ids` (not a foreign key). */
  @Column({ type: 'uuid', array: true, name: 'inspector_ids' })
  inspectorIds: string[];

  @Column({ type: 'text' })
  findings: string;

  @Column({ type: 'text' })
  rating: CheckRating;

  @ForeignKey('people', { name: 'fk_supervision_checks_recorded_by_id', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', name: 'recorded_by_id' })
  recordedById: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** The API shape of a check (API.md): `createdBy` is the supervisor who recorded it. */
export function checkView(c: SupervisionCheck) {
  return {
    id: c.id,
    resolutionId: c.resolutionId,
    checkedAt: c.checkedAt,
    method: c.method,
    inspectorIds: c.inspectorIds,
    findings: c.findings,
    rating: c.rating,
    createdBy: c.recordedById,
    createdAt: c.createdAt,
  };
}
