import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { entityFromRow } from '../database/entity-rows';
import { OPEN_STATUSES } from './resolution-workflow';
import { Resolution } from './resolution.entity';

/**
 * The resolutions table's SQL that is more than a find: the workflow's conditional updates, the
 * tree walk, and the engine's batch locks. Every method works in the caller's transaction.
 */
@Injectable()
export class ResolutionRepository {
  /**
   * The transition itself: one UPDATE on (id, version, status) that bumps the version, answering the
   * row as it left it (RETURNING *), or null when it matched nothing (stale version or status).
   */
  async updateIfCurrent(
    m: EntityManager,
    id: string,
    version: number,
    from: readonly string[],
    changes: QueryDeepPartialEntity<Resolution>,
  ): Promise<Resolution | null> {
    const result = await m
      .createQueryBuilder()
      .update(Resolution)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND status IN (:...from)', { id, version, from })
      .returning('*')
      .execute();
    if (result.affected !== 1) return null;
    return entityFromRow(m, Resolution, (result.raw as Record<string, unknown>[])[0]);
  }

  /** Cancels those of `ids` still open (a child closed meanwhile keeps its sign-off); answers them by id, as updated. */
  async cancelOpen(m: EntityManager, ids: string[], reason: string, now: Date): Promise<Map<string, Resolution>> {
    const result = await m
      .createQueryBuilder()
      .update(Resolution)
      .set({ status: 'cancelled', cancelReason: reason, updatedAt: now, version: () => 'version + 1' })
      .where('id IN (:...ids) AND status IN (:...open)', { ids, open: [...OPEN_STATUSES] })
      .returning('*')
      .execute();
    return new Map((result.raw as Record<string, unknown>[]).map((row) => [row.id as string, entityFromRow(m, Resolution, row)]));
  }

  /** Every open item below `id`, at any depth. */
  async openDescendants(m: EntityManager, id: string): Promise<Resolution[]> {
    const rows: { id: string }[] = await m.query(
      `WITH RECURSIVE tree AS (SELECT id FROM resolutions WHERE parent_id = $1
         UNION ALL SELECT r.id FROM resolutions r JOIN tree t ON r.parent_id = t.id)
       SELECT r.id FROM resolutions r JOIN tree t ON t.id = r.id WHERE r.status = ANY($2)`,
      [id, [...OPEN_STATUSES]],
    );
    return rows.length ? m.find(Resolution, { where: { id: In(rows.map((r) => r.id)) } }) : [];
  }

  /** Locks those of `ids` nobody else holds, never waiting (FOR UPDATE SKIP LOCKED); answers the ids it got. */
  async lockSkippingLocked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    const lockedRows: { id: string }[] = await m.query('SELECT id FROM resolutions WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED', [
      ids,
    ]);
    return new Set(lockedRows.map((r) => r.id));
  }

  /** The next batch of a council's open items after `afterId` (by id), locked FOR UPDATE. */
  lockOpenBatch(m: EntityManager, councilId: string, afterId: string, limit: number): Promise<Resolution[]> {
    return (
      m
        .createQueryBuilder(Resolution, 'r')
        .where('r.councilId = :councilId AND r.status IN (:...open) AND r.id > :afterId', { councilId, open: [...OPEN_STATUSES], afterId })
        .orderBy('r.id')
        .limit(limit)
        // Locked like a transition locks its item, before its actions are read: a worker carrying one
        // out holds the item (or skips it), so the done keys read next are current and nothing fires twice.
        .setLock('pessimistic_write')
        .getMany()
    );
  }

  findMany(m: EntityManager, ids: string[]): Promise<Resolution[]> {
    return m.find(Resolution, { where: { id: In(ids) } });
  }

  /** One statement for many items taking the same change. */
  async updateMany(m: EntityManager, ids: string[], change: QueryDeepPartialEntity<Resolution>): Promise<void> {
    await m.update(Resolution, { id: In(ids) }, change);
  }
}
