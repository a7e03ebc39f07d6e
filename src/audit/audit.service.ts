import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { eventHash, plain, type HashedEventContent } from './event-hash';
import { AuditEvent } from './event.entity';
import { EventRepository } from './event.repository';

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
    private readonly events: EventRepository,
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
    const head = await this.events.advanceHead(m, councilId, inputs.length);
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
    await this.events.appendAndSetHead(m, councilId, at, rows, prevHash);
    return rows;
  }

  async listForResolution(resolutionId: string): Promise<AuditEvent[]> {
    return this.events.listForResolution(resolutionId);
  }

  /** Recomputes the council's chain in order and names the first event whose link does not hold. */
  async verify(councilId: string): Promise<ChainVerdict> {
    let prevHash: string | null = null;
    let expectedSeq = 1n;
    let checked = 0;
    let afterSeq = '0';
    for (;;) {
      const batch = await this.events.batchAfter(councilId, afterSeq, 5000);
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
    const head = await this.events.headOf(councilId);
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
