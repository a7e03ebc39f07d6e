import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { PlannedAction } from './schedule';
import { ScheduledAction } from './scheduled-action.entity';

/** A planned action as it is inserted: the plan plus the item it belongs to. */
export type InsertedAction = PlannedAction & { councilId: string; resolutionId: string };

/**
 * The distinct fire buckets of pending rows in (now, horizon], found by skipping from one bucket to
 * the next along the pending index (a loose index scan): one index probe per bucket, however many
 * rows a bucket holds. (A plain SELECT DISTINCT reads every row in the horizon: a million weekly
 * progress reports due at the same instant make that a scan of a million rows, every tick.) Also
 * answers whether any pending row is already due, as min(fire_at) — an index probe whatever the
 * statistics say. (An EXISTS on "pending and fire_at <= now" is planned as a sequential scan once
 * the table holds many done rows in the past: a second per tick with 8 M rows.)
 */
const HORIZON_SQL = `
  WITH RECURSIVE coming(bucket) AS (
    SELECT (SELECT ceil(extract(epoch FROM fire_at) * 1000 / $3)::bigint * $3 FROM scheduled_actions
             WHERE status = 'pending' AND fire_at > $1 AND fire_at <= $2 ORDER BY fire_at LIMIT 1)
    UNION ALL
    SELECT (SELECT ceil(extract(epoch FROM a.fire_at) * 1000 / $3)::bigint * $3 FROM scheduled_actions a
             WHERE a.status = 'pending' AND a.fire_at > timestamptz 'epoch' + c.bucket * interval '1 millisecond' AND a.fire_at <= $2
             ORDER BY a.fire_at LIMIT 1)
      FROM coming c WHERE c.bucket IS NOT NULL
  )
  SELECT coalesce((SELECT min(fire_at) FROM scheduled_actions WHERE status = 'pending') <= $1, false) AS due,
         coalesce(array_agg(bucket::text) FILTER (WHERE bucket IS NOT NULL), '{}') AS buckets
    FROM coming`;

/**
 * One statement: cancel the rows that no longer stand, insert the missing ones. The sub-select on
 * `cancelled` makes PostgreSQL finish cancelling before it inserts (an unreferenced data-modifying
 * CTE would run after the INSERT, whose ON CONFLICT would then drop a row replacing a cancelled one
 * of the same key). Roles are identifiers, so they travel as comma-joined text (unnest flattens
 * nested arrays).
 */
const CANCEL_AND_INSERT = `
  WITH cancelled AS (UPDATE scheduled_actions SET status = 'cancelled' WHERE id = ANY($1::uuid[]) AND status = 'pending' RETURNING 1)
  INSERT INTO scheduled_actions (council_id, resolution_id, kind, key, fire_at, nominal_at, level, recipients, status)
  SELECT a.council_id, a.resolution_id, a.kind, a.key, a.fire_at, a.nominal_at, a.level, string_to_array(a.recipients, ','), 'pending'
    FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::smallint[], $9::text[])
      AS a(council_id, resolution_id, kind, key, fire_at, nominal_at, level, recipients)
   WHERE (SELECT count(*) FROM cancelled) >= 0
  ON CONFLICT DO NOTHING`;

/**
 * The scheduled_actions table's SQL: the dispatcher's horizon scan, the sync's cancel-and-insert,
 * the handler's claim and settle, the timeline's read. Statements are the ones the benchmarks tuned.
 */
@Injectable()
export class ScheduledActionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The distinct fire buckets in (now, horizon] and whether some pending row is already due (see HORIZON_SQL). */
  async horizon(now: Date, horizon: Date, bucketMs: number): Promise<{ due: boolean; buckets: string[] }> {
    const [row]: { due: boolean; buckets: string[] }[] = await this.db.query(HORIZON_SQL, [now, horizon, bucketMs]);
    return row;
  }

  /** The pending rows and the settled (done, collapsed or skipped) ones of many resolutions, in one query. */
  ofResolutions(m: EntityManager, resolutionIds: string[]): Promise<ScheduledAction[]> {
    return m.find(ScheduledAction, { where: { resolutionId: In(resolutionIds), status: In(['pending', 'done', 'skipped', 'collapsed']) } });
  }

  /** Cancels the rows `cancel` (still pending) and inserts `insert` (a key already there is left alone), in one statement. */
  async cancelAndInsert(m: EntityManager, cancel: string[], insert: InsertedAction[]): Promise<void> {
    await m.query(CANCEL_AND_INSERT, [cancel, ...insertColumns(insert)]);
  }

  /** Claims up to `limit` due pending rows, oldest first, skipping rows another worker holds. */
  claimDue(m: EntityManager, now: Date, limit: number): Promise<ScheduledAction[]> {
    return m
      .createQueryBuilder(ScheduledAction, 'a')
      .where("a.status = 'pending' AND a.fireAt <= :now", { now })
      .orderBy('a.fireAt')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async settle(m: EntityManager, ids: string[], status: 'done' | 'skipped' | 'collapsed', at: Date): Promise<void> {
    await m.update(ScheduledAction, { id: In(ids) }, { status, handledAt: at });
  }

  /** Writes actions carried out in the same batch as they were planned (a catch-up), already settled. */
  async insertHandled(m: EntityManager, rows: Partial<ScheduledAction>[]): Promise<void> {
    await m.insert(ScheduledAction, rows);
  }

  /** Sets still-pending actions aside as `failed` with the error; answers how many. */
  /** The `resolution|key` of every pending action of the given items, in the caller's transaction. */
  async pendingKeys(m: EntityManager, resolutionIds: string[]): Promise<Set<string>> {
    const rows = await m.query<{ resolution_id: string; key: string }[]>(
      "SELECT resolution_id, key FROM scheduled_actions WHERE resolution_id = ANY($1::uuid[]) AND status = 'pending'",
      [resolutionIds],
    );
    return new Set(rows.map((p) => `${p.resolution_id}|${p.key}`));
  }

  async setAside(ids: string[], error: string, at: Date): Promise<number> {
    const [, count] = await this.db.query<[unknown[], number]>(
      "UPDATE scheduled_actions SET status = 'failed', last_error = $2, handled_at = $3 WHERE id = ANY($1::uuid[]) AND status = 'pending'",
      [ids, error, at],
    );
    return count;
  }

  /** Pending and carried-out (or collapsed) actions of one resolution, for its timeline. */
  timelineOf(resolutionId: string) {
    return this.db.query<
      { id: string; kind: string; fire_at: Date; level: number | null; recipients: string[]; status: string; handled_at: Date | null }[]
    >(
      `SELECT id, kind, key, fire_at, nominal_at, level, recipients, status, handled_at
         FROM scheduled_actions WHERE resolution_id = $1 AND status IN ('pending', 'done', 'collapsed') ORDER BY fire_at`,
      [resolutionId],
    );
  }
}

function insertColumns(rows: InsertedAction[]): unknown[][] {
  return [
    rows.map((r) => r.councilId),
    rows.map((r) => r.resolutionId),
    rows.map((r) => r.kind),
    rows.map((r) => r.key),
    rows.map((r) => r.fireAt),
    rows.map((r) => r.nominalAt),
    rows.map((r) => r.level),
    rows.map((r) => r.recipients.join(',')),
  ];
}
