import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './event.entity';

/**
 * The events table and the chain heads. A council's head (event_seq, event_head_hash) is kept on
 * the council's row, so that appending locks one row per council; those two columns are the
 * audit's, written and read only here. The directory chain (councilId null) keeps its head in the
 * `audit_chains` row named 'directory'.
 */
@Injectable()
export class EventRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Moves the council's sequence on by `count` and locks its chain head until commit; answers the
   * head before the move (the statement does not change the hash, so RETURNING gives the previous one).
   */
  async advanceHead(m: EntityManager, councilId: string | null, count: number): Promise<{ seq: string; hash: string | null }> {
    const [table, key] = headRow(councilId);
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [[head]] = await m.query<[{ seq: string; hash: string | null }[], number]>(
      `UPDATE ${table} SET event_seq = event_seq + $2 WHERE ${key} = $1 RETURNING (event_seq - $2)::text AS seq, event_head_hash AS hash`,
      [councilId ?? DIRECTORY, count],
    );
    return head;
  }

  /** The hash version of a chain's newest event (undefined for an empty chain). */
  async newestVersion(m: EntityManager, councilId: string | null, seq: string): Promise<number | undefined> {
    const [row] = await m.query<{ v: number }[]>(
      'SELECT hash_version AS v FROM events WHERE council_id IS NOT DISTINCT FROM $1 AND seq = $2',
      [councilId, seq],
    );
    return row?.v;
  }

  /** Chains whose newest event carries an unkeyed hash (written before AUDIT_KEY): null is the directory. */
  async legacyChains(): Promise<(string | null)[]> {
    const rows = await this.db.query<{ id: string | null }[]>(
      `SELECT c.id FROM councils c JOIN events e ON e.council_id = c.id AND e.seq = c.event_seq WHERE e.hash_version = 1
       UNION ALL
       SELECT NULL FROM audit_chains a JOIN events e ON e.council_id IS NULL AND e.seq = a.event_seq WHERE a.name = $1 AND e.hash_version = 1`,
      [DIRECTORY],
    );
    return rows.map((r) => r.id);
  }

  /** Writes the events and the new head hash in one statement. */
  async appendAndSetHead(m: EntityManager, councilId: string | null, at: Date, rows: AuditEvent[], headHash: string | null): Promise<void> {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    const [table, key] = headRow(councilId);
    await m.query(
      `WITH appended AS (
         INSERT INTO events (id, council_id, seq, resolution_id, entity_type, entity_id, action, actor_id, at, before, after, prev_hash, hash, hash_version)
         SELECT e.id, $1::uuid, e.seq, e.resolution_id, e.entity_type, e.entity_id, e.action, e.actor_id, $2::timestamptz, e.before, e.after, e.prev_hash, e.hash, e.hash_version
           FROM unnest($3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::uuid[], $10::jsonb[], $11::jsonb[], $12::text[], $13::text[], $16::smallint[])
             AS e(id, seq, resolution_id, entity_type, entity_id, action, actor_id, before, after, prev_hash, hash, hash_version)
       )
       UPDATE ${table} SET event_head_hash = $14 WHERE ${key} = $15`,
      [
        councilId,
        at,
        rows.map((r) => r.id),
        rows.map((r) => r.seq),
        rows.map((r) => r.resolutionId),
        rows.map((r) => r.entityType),
        rows.map((r) => r.entityId),
        rows.map((r) => r.action),
        rows.map((r) => r.actorId),
        rows.map((r) => json(r.before)),
        rows.map((r) => json(r.after)),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
        headHash,
        councilId ?? DIRECTORY,
        rows.map((r) => r.hashVersion),
      ],
    );
  }

  listForResolution(resolutionId: string): Promise<AuditEvent[]> {
    return this.db.getRepository(AuditEvent).find({ where: { resolutionId }, order: { seq: 'ASC' } });
  }

  /** One resolution's events after `afterSeq` (all when null), in order, at most `take`. */
  pageForResolution(resolutionId: string, afterSeq: string | null, take: number): Promise<AuditEvent[]> {
    const qb = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.resolutionId = :resolutionId', { resolutionId })
      .orderBy('e.seq', 'ASC')
      .take(take);
    if (afterSeq !== null) qb.andWhere('e.seq > :afterSeq', { afterSeq });
    return qb.getMany();
  }

  /** The chain's events after `afterSeq`, in order, `limit` at a time (councilId null: the directory chain). */
  batchAfter(councilId: string | null, afterSeq: string, limit: number): Promise<AuditEvent[]> {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('e');
    if (councilId === null) qb.where('e.councilId IS NULL');
    else qb.where('e.councilId = :councilId', { councilId });
    return qb.andWhere('e.seq > :afterSeq', { afterSeq }).orderBy('e.seq', 'ASC').take(limit).getMany();
  }

  /** The chain head kept on the council or for the directory (undefined when there is no such council). */
  async headOf(councilId: string | null): Promise<{ seq: string; hash: string | null } | undefined> {
    const [table, key] = headRow(councilId);
    const [head] = await this.db.query<{ seq: string; hash: string | null }[]>(
      `SELECT event_seq::text AS seq, event_head_hash AS hash FROM ${table} WHERE ${key} = $1`,
      [councilId ?? DIRECTORY],
    );
    return head;
  }
}

/** The name of the directory chain's row in audit_chains. */
const DIRECTORY = 'directory';

/** Where a chain's head is kept: the council's row, or the directory's row of audit_chains. */
function headRow(councilId: string | null): [table: string, key: string] {
  return councilId === null ? ['audit_chains', 'name'] : ['councils', 'id'];
}
