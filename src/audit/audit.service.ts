import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { eventHash, plain, type HashedEventContent } from './event-hash';
import { AuditEvent } from './event.entity';

export interface EventInput {
  resolutionId?: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first event whose link does not hold; absent when the break is events missing at the end. */
  firstBrokenEventId?: string;
  /** Position of the first broken link in the council's chain: that event's, or the first missing one's. */
  firstBrokenSeq?: string;
}

@Injectable()
export class AuditService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends events to the council's chain inside the caller's transaction, in two statements: the
   * first moves the council's sequence on and locks its chain head until commit, the second writes
   * the events and the new head. Call it last in the transaction, so that writers of one council
   * wait for each other only during that short tail.
   */
  async append(m: EntityManager, councilId: string, inputs: EventInput[]): Promise<AuditEvent[]> {
    if (inputs.length === 0) return [];
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount]. The head hash is not changed
    // by this statement, so RETURNING gives the previous one.
    const [[head]] = await m.query<[{ seq: string; hash: string | null }[], number]>(
      'UPDATE councils SET event_seq = event_seq + $2 WHERE id = $1 RETURNING (event_seq - $2)::text AS seq, event_head_hash AS hash',
      [councilId, inputs.length],
    );
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const at = this.clock.now();
    const rows: AuditEvent[] = [];
    for (const input of inputs) {
      seq += 1n;
      const content: HashedEventContent = {
        councilId,
        seq: seq.toString(),
        resolutionId: input.resolutionId ?? null,
        entityType: input.entityType,
        entityId: input.entityId,
        action: input.action,
        actorId: input.actorId,
        at: at.toISOString(),
        before: plain(input.before ?? null),
        after: plain(input.after ?? null),
      };
      const hash = eventHash(prevHash, content);
      rows.push(Object.assign(new AuditEvent(), { ...content, id: randomUUID(), at, prevHash, hash }));
      prevHash = hash;
    }
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
        prevHash,
      ],
    );
    return rows;
  }

  async listForResolution(resolutionId: string): Promise<AuditEvent[]> {
    return this.db.getRepository(AuditEvent).find({ where: { resolutionId }, order: { seq: 'ASC' } });
  }

  /** Recomputes the council's chain in order and names the first event whose link does not hold. */
  async verify(councilId: string): Promise<ChainVerdict> {
    let prevHash: string | null = null;
    let expectedSeq = 1n;
    let checked = 0;
    let afterSeq = '0';
    for (;;) {
      const batch = await this.db
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.councilId = :councilId AND e.seq > :afterSeq', { councilId, afterSeq })
        .orderBy('e.seq', 'ASC')
        .take(5000)
        .getMany();
      if (batch.length === 0) break;
      for (const e of batch) {
        const content: HashedEventContent = {
          councilId: e.councilId,
          seq: String(e.seq),
          resolutionId: e.resolutionId,
          entityType: e.entityType,
          entityId: e.entityId,
          action: e.action,
          actorId: e.actorId,
          at: e.at.toISOString(),
          before: e.before,
          after: e.after,
        };
        const intact = BigInt(e.seq) === expectedSeq && e.prevHash === prevHash && eventHash(prevHash, content) === e.hash;
        if (!intact) return { ok: false, checked, firstBrokenEventId: e.id, firstBrokenSeq: String(expectedSeq) };
        checked++;
        prevHash = e.hash;
        expectedSeq++;
      }
      afterSeq = String(batch[batch.length - 1].seq);
    }
    // The head kept on the council must match the last event: catches deleted tail events.
    const [head] = await this.db.query<{ seq: string; hash: string | null }[]>(
      'SELECT event_seq::text AS seq, event_head_hash AS hash FROM councils WHERE id = $1',
      [councilId],
    );
    const last = expectedSeq - 1n;
    if (head && (head.seq !== String(last) || head.hash !== prevHash)) {
      // The head is behind the events (one appended past it), at the last one with another hash
      // (it was replaced), or ahead of them (the newest were deleted).
      const seq = BigInt(head.seq);
      const broken = seq < last ? seq + 1n : seq === last ? last : expectedSeq;
      return { ok: false, checked: Number(broken - 1n), firstBrokenSeq: String(broken) };
    }
    return { ok: true, checked };
  }
}
