import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { oneOf } from '../database/entity-columns';

export const BOARD_COUNT_KINDS = ['lead', 'co'] as const;

/**
 * The board's figures that do not depend on "now", as signed deltas kept by triggers on
 * `resolutions` (migration SupervisionBoardCounts): every statement that inserts, updates or deletes
 * resolutions adds one row per (council, kind, unit, owner, status) it changed, +n or −n, in the
 * same transaction. Summing a council's rows gives its counts; the board folds them back into one row
 * per group now and then (`SupervisionRepository.compactCounts`), so a council's slice stays a few
 * hundred rows. Nobody writes this table but the triggers and that fold.
 *
 * - `lead` rows: the items a unit leads (`organizationId` = lead unit, may be null) and their owner,
 *   with how many were closed on time against the approved and the original deadline.
 * - `co` rows: one per co-handling unit of an item (`ownerId` null, on-time counts 0).
 */
@Entity('supervision_board_counts')
@Check('supervision_board_counts_kind_check', oneOf('kind', BOARD_COUNT_KINDS))
// (council_id) INCLUDE (every other column but id): created by the migration, TypeORM cannot express INCLUDE.
@Index('supervision_board_counts_council_idx', { synchronize: false })
export class SupervisionBoardCount {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', name: 'council_id' })
  councilId: string;

  @Column({ type: 'text' })
  kind: (typeof BOARD_COUNT_KINDS)[number];

  @Column({ type: 'uuid', name: 'organization_id', nullable: true })
  organizationId: string | null;

  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'integer' })
  items: number;

  @Column({ type: 'integer', name: 'closed_on_time' })
  closedOnTime: number;

  @Column({ type: 'integer', name: 'closed_on_time_original' })
  closedOnTimeOriginal: number;
}
