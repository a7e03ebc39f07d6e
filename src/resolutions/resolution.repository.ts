import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Principal } from '../common/principal';
import { decodeCursor } from '../common/pagination';
import { entityFromRow } from '../database/entity-rows';
import { parseDeadline, parseRangeStart } from './deadline';
import { VISIBLE_TO_VIEWER_SQL, viewerParams } from './resolution-access';
import { OPEN_STATUSES } from './resolution-workflow';
import type { ListResolutionsQuery, ResolutionSort } from './resolution.dto';
import { Resolution } from './resolution.entity';

const OPEN_SQL = `r.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** Open and past its deadline; never NULL (an item without a deadline is not overdue), so it can be negated. */
const OVERDUE_SQL = `(${OPEN_SQL} AND r.due_at IS NOT NULL AND r.due_at < :now)`;

/**
 * Each sort is one timestamptz expression, tie-broken by id. The cursor carries the expression's
 * value as computed by the database (see `sortKeyText`): a JS Date would drop the microseconds of
 * `created_at`, and the next page would then repeat the last row of this one.
 */
const SORT_KEYS: Record<ResolutionSort, { expr: string; dir: 'ASC' | 'DESC' }> = {
  dueAt: { expr: "COALESCE(r.due_at, 'infinity'::timestamptz)", dir: 'ASC' },
  '-dueAt': { expr: "COALESCE(r.due_at, '-infinity'::timestamptz)", dir: 'DESC' },
  createdAt: { expr: 'r.created_at', dir: 'ASC' },
  '-createdAt': { expr: 'r.created_at', dir: 'DESC' },
  // Open items by deadline: the most days overdue first, then the ones due soonest; closed and
  // cancelled items (never overdue) last, whatever their deadline was.
  '-daysOverdue': {
    expr: `CASE WHEN ${OPEN_SQL} THEN COALESCE(r.due_at, 'infinity'::timestamptz) ELSE 'infinity'::timestamptz END`,
    dir: 'ASC',
  },
};

/** A sort key as ISO-8601 text in UTC with microseconds, or `infinity` / `-infinity`. */
const sortKeyText = (expr: string) =>
  `CASE WHEN isfinite(${expr}) THEN to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE (${expr})::text END`;

/** One (council, priority) pair's light thresholds, joined in SQL by the yellow / green filters. */
export interface LightThresholdRow {
  councilId: string;
  priority: string;
  warn: Date | null;
  acceptLate: Date | null;
  stagnant: Date | null;
}

/**
 * The resolutions table's SQL that is more than a find: the workflow's conditional updates, the
 * tree walk, and the engine's batch locks. Every method works in the caller's transaction.
 */
@Injectable()
export class ResolutionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * One page of `GET /resolutions` (limit + 1 rows, so the caller knows whether there is more), only
   * what the caller may see, with each row's sort key as the database computed it (for the cursor).
   * `zone` reads date bounds; `thresholds` are the light thresholds for the yellow and green filters.
   */
  async listPage(
    caller: Principal,
    q: ListResolutionsQuery,
    o: { now: Date; limit: number; zone: string; thresholds: LightThresholdRow[] },
  ): Promise<{ rows: Resolution[]; sortKeyOf: Map<string, string>; more: boolean }> {
    const { now, limit, zone } = o;
    const sort = SORT_KEYS[q.sort ?? 'createdAt'];
    const qb = this.db
      .getRepository(Resolution)
      .createQueryBuilder('r')
      .where(VISIBLE_TO_VIEWER_SQL, viewerParams(caller))
      .setParameter('now', now);
    if (q.councilId) qb.andWhere('r.council_id = :councilId', { councilId: q.councilId });
    if (q.meetingId) qb.andWhere('r.meeting_id = :meetingId', { meetingId: q.meetingId });
    if (q.parentId) qb.andWhere('r.parent_id = :parentId', { parentId: q.parentId });
    if (q.ownerId) qb.andWhere('r.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.organizationId)
      qb.andWhere('(r.lead_organization_id = :org OR r.co_organization_ids @> ARRAY[:org]::uuid[])', { org: q.organizationId });
    if (q.escalationLevel !== undefined) qb.andWhere('r.escalation_level = :level', { level: q.escalationLevel });
    if (q.overdue === 'true') qb.andWhere(OVERDUE_SQL);
    if (q.overdue === 'false') qb.andWhere(`NOT ${OVERDUE_SQL}`);
    if (q.dueBefore) qb.andWhere('r.due_at <= :dueBefore', { dueBefore: parseDeadline(q.dueBefore, zone) });
    if (q.dueAfter) qb.andWhere('r.due_at >= :dueAfter', { dueAfter: parseRangeStart(q.dueAfter, zone) });
    if (q.q)
      qb.andWhere("(r.title ILIKE :q ESCAPE '\\' OR r.description ILIKE :q ESCAPE '\\')", {
        q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    if (q.light) filterByLight(qb, q.light, o.thresholds);
    const after = decodeCursor(q.cursor, 2, ['instant', 'uuid']);
    if (after)
      qb.andWhere(`(${sort.expr}, r.id) ${sort.dir === 'ASC' ? '>' : '<'} (:cursorKey::timestamptz, :cursorId::uuid)`, {
        cursorKey: after[0],
        cursorId: after[1],
      });
    qb.addSelect(sortKeyText(sort.expr), 'sort_key')
      .orderBy(sort.expr, sort.dir)
      .addOrderBy('r.id', sort.dir)
      .limit(limit + 1);
    const { entities: rows, raw } = await qb.getRawAndEntities<{ r_id: string; sort_key: string }>();
    return { rows, sortKeyOf: new Map(raw.map((row) => [row.r_id, row.sort_key])), more: rows.length > limit };
  }

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

  /** The children of these items, whatever their status, locked FOR UPDATE in id order. */
  lockChildren(m: EntityManager, parentIds: string[]): Promise<Resolution[]> {
    return m.find(Resolution, { where: { parentId: In(parentIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
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

  /**
   * The next open items after `afterId` (by id) of councils on calendar `kind` whose plan may depend
   * on days from `from` on: a pending action or the deadline at or after it.
   */
  async openOnCalendarSince(m: EntityManager, kind: string, from: Date, afterId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT r.id FROM resolutions r JOIN councils c ON c.id = r.council_id
        WHERE r.status = ANY($1) AND coalesce(c.policy->>'calendar', c.calendar) = $2 AND r.id > $3
          AND (r.due_at >= $4 OR EXISTS (SELECT 1 FROM scheduled_actions a
                                          WHERE a.resolution_id = r.id AND a.status = 'pending' AND a.fire_at >= $4))
        ORDER BY r.id LIMIT $5`,
      [[...OPEN_STATUSES], kind, afterId, from, limit],
    );
    return rows.map((r) => r.id);
  }

  /** These items if still open, locked FOR UPDATE in id order (as a transition locks its item). */
  lockOpen(m: EntityManager, ids: string[]): Promise<Resolution[]> {
    return m.find(Resolution, {
      where: { id: In(ids), status: In([...OPEN_STATUSES]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findMany(m: EntityManager, ids: string[]): Promise<Resolution[]> {
    return m.find(Resolution, { where: { id: In(ids) } });
  }

  /** A person's open items with a deadline, soonest first (their calendar feed). */
  openDeadlinesOf(ownerId: string, limit: number): Promise<Resolution[]> {
    return this.db.getRepository(Resolution).find({
      where: { ownerId, status: In([...OPEN_STATUSES]), dueAt: Not(IsNull()) },
      order: { dueAt: 'ASC' },
      take: limit,
    });
  }

  /** One statement for many items taking the same change. */
  async updateMany(m: EntityManager, ids: string[], change: QueryDeepPartialEntity<Resolution>): Promise<void> {
    await m.update(Resolution, { id: In(ids) }, change);
  }

  /**
   * What the membership rule needs, in one read of the directory (a read-model query of the
   * councils', organizations' and people's tables, in the caller's transaction so a membership
   * change is seen at once): the council's member organizations, which of `organizationIds` exist,
   * and the owner's unit.
   */
  async councilMembership(
    m: EntityManager,
    councilId: string,
    ownerId: string | null,
    organizationIds: string[],
  ): Promise<CouncilMembership> {
    const [row] = await m.query<{ members: string[] | null; known: string[] | null; owner_org: string | null }[]>(
      `SELECT (SELECT array_agg(organization_id) FROM council_members WHERE council_id = $1) AS members,
              (SELECT array_agg(id) FROM organizations WHERE id = ANY($3::uuid[])) AS known,
              (SELECT organization_id FROM people WHERE id = $2) AS owner_org`,
      [councilId, ownerId, organizationIds],
    );
    return { members: new Set(row.members ?? []), known: new Set(row.known ?? []), ownerOrganizationId: row.owner_org };
  }
}

export interface CouncilMembership {
  members: Set<string>;
  known: Set<string>;
  ownerOrganizationId: string | null;
}

/** The light filters: red is overdue; yellow and green join the per-(council, priority) thresholds. */
function filterByLight(qb: SelectQueryBuilder<Resolution>, light: 'green' | 'yellow' | 'red', thresholds: LightThresholdRow[]): void {
  const red = OVERDUE_SQL;
  if (light === 'red') {
    qb.andWhere(red);
    return;
  }
  const rows: string[] = [];
  const params: Record<string, unknown> = {};
  for (const t of thresholds) {
    const n = rows.length;
    rows.push(`(:lc${n}::uuid, :lp${n}, :lw${n}::timestamptz, :la${n}::timestamptz, :ls${n}::timestamptz)`);
    Object.assign(params, {
      [`lc${n}`]: t.councilId,
      [`lp${n}`]: t.priority,
      [`lw${n}`]: t.warn,
      [`la${n}`]: t.acceptLate,
      [`ls${n}`]: t.stagnant,
    });
  }
  if (rows.length === 0) {
    qb.andWhere('false');
    return;
  }
  const yellow = `(${OPEN_SQL} AND NOT ${red} AND EXISTS (SELECT 1 FROM (VALUES ${rows.join(', ')}) AS t(council_id, priority, warn, accept_late, stagnant)
      WHERE t.council_id = r.council_id AND t.priority = r.priority AND (
        r.due_at <= t.warn
        OR r.report_overdue_since IS NOT NULL
        OR (r.status = 'assigned' AND r.assigned_at <= t.accept_late)
        OR (r.status = 'in_progress' AND t.stagnant IS NOT NULL AND COALESCE(r.last_progress_at, r.accepted_at) <= t.stagnant))))`;
  qb.setParameters(params);
  qb.andWhere(light === 'yellow' ? yellow : `(${OPEN_SQL} AND NOT ${red} AND NOT ${yellow})`);
}
