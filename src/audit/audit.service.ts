import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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
  firstBrokenEventId?: string;
}

@Injectable()
export class AuditService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends events to the council's chain inside the caller's transaction. Call it last in the
   * transaction: it locks the council's chain head until commit, which serialises writers of one
   * council only for that short tail.
   */
  async append(m: EntityManager, councilId: string, inputs: EventInput[]): Promise<AuditEvent[]> {
    if (inputs.length === 0) return [];
    const [head] = await m.query<{ seq: string; hash: string | null }[]>('SELECT event_seq::text AS seq, event_head_hash AS hash FROM councils WHERE id = $1 FOR UPDATE', [councilId]);
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
      rows.push(
        m.create(AuditEvent, {
          ...content,
          at,
          before: content.before as Record<string, unknown> | null,
          after: content.after as Record<string, unknown> | null,
          prevHash,
          hash,
        }),
      );
      prevHash = hash;
    }
    for (let i = 0; i < rows.length; i += 1000) await m.insert(AuditEvent, rows.slice(i, i + 1000) as QueryDeepPartialEntity<AuditEvent>[]);
    await m.query('UPDATE councils SET event_seq = $2, event_head_hash = $3 WHERE id = $1', [councilId, seq.toString(), prevHash]);
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
        if (!intact) return { ok: false, checked, firstBrokenEventId: e.id };
        checked++;
        prevHash = e.hash;
        expectedSeq++;
      }
      afterSeq = String(batch[batch.length - 1].seq);
    }
    // The head kept on the council must match the last event: catches deleted tail events.
    const [head] = await this.db.query<{ seq: string; hash: string | null }[]>('SELECT event_seq::text AS seq, event_head_hash AS hash FROM councils WHERE id = $1', [councilId]);
    if (head && (head.seq !== String(expectedSeq - 1n) || head.hash !== prevHash)) return { ok: false, checked, firstBrokenEventId: undefined };
    return { ok: true, checked };
  }
}
