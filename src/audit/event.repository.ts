import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './event.entity';

/**
 * The events table and the chain head. The head (event_seq, event_head_hash) is kept on the
 * council's row, so that appending locks one row per council; those two columns are the audit's,
 * written and read only here.
 */
@Injectable()
export class EventRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Moves the council's sequence on by `count` and locks its chain head until commit; answers the
   * head before the move (the statement does not change the hash, so RETURNING gives the previous one).
   */
  async advanceHead(m: EntityManager, councilId: string, count: number): Promise<{ seq: string; hash: string | null }> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [[head]] = await m.query<[{ seq: string; hash: string | null }[], number]>(
      'UPDATE councils SET event_seq = event_seq + $2 WHERE id = $1 RETURNING (event_seq - $2)::text AS seq, event_head_hash AS hash',
      [councilId, count],
    );
    return head;
  }

  /** Writes the events and the new head hash in one statement. */
  async appendAndSetHead(m: EntityManager, councilId: string, at: Date, rows: AuditEvent[], headHash: string | null): Promise<void> {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await m.query(
      `WITH appended AS (
         INSERT INTO events (id, council_id, seq, resolution_id, entity_type, entity_id, action, actor_id, at, before, after, prev_hash, hash)
         SELECT e.id, $1::uuid, e.seq, e.resolution_id, e.entity_type, e.entity_id, e.action, e.actor_id, $2::timestamptz, e.before, e.after, e.prev_hash, e.hash
           FROM unnest($3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::uuid[], $10::jsonb[], $11::jsonb[], $12::text[], $13::text[])
             AS e(id, seq, resolution_id, entity_type, entity_id, action, actor_id, before, after, prev_hash, hash)
       )
       UPDATE councils SET event_head_hash = $14 WHERE id = $1`,
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
      ],
    );
  }

  listForResolution(resolutionId: string): Promise<AuditEvent[]> {
    return this.db.getRepository(AuditEvent).find({ where: { resolutionId }, order: { seq: 'ASC' } });
  }

  /** The council's events after `afterSeq`, in order, `limit` at a time. */
  batchAfter(councilId: string, afterSeq: string, limit: number): Promise<AuditEvent[]> {
    return this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.councilId = :councilId AND e.seq > :afterSeq', { councilId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .take(limit)
      .getMany();
  }

  /** The chain head kept on the council (undefined when there is no such council). */
  async headOf(councilId: string): Promise<{ seq: string; hash: string | null } | undefined> {
    const [head] = await this.db.query<{ seq: string; hash: string | null }[]>(
      'SELECT event_seq::text AS seq, event_head_hash AS hash FROM councils WHERE id = $1',
      [councilId],
    );
    return head;
  }
}
