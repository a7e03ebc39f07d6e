import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { hashOf, KEYED_HASH, keyedEventHash, LEGACY_HASH, plain, type HashedEventContent } from './event-hash';
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

/** The entity id of events about the directory as a whole (the directory chain's seal). */
const DIRECTORY_ENTITY_ID = '00000000-0000-0000-0000-000000000000';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first event whose link does not hold; absent when the break is events missing at the end. */
  firstBrokenEventId?: string;
  /** Position of the first broken link in the council's chain: that event's, or the first missing one's. */
  firstBrokenSeq?: string;
}

/** The action of the event that seals a chain's unkeyed events (see sealLegacyChains). */
export const KEYED_SEAL_ACTION = 'audit.keyed';

@Injectable()
export class AuditService implements OnApplicationBootstrap {
  private readonly log = new Logger('Audit');

  constructor(
    private readonly events: EventRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  /** Before the process serves anything, every chain still ending in unkeyed events is sealed. */
  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealLegacyChains();
    if (sealed > 0) this.log.log(`sealed ${sealed} audit chain(s) written before AUDIT_KEY with a keyed audit.keyed event`);
  }

  /**
   * Events written before the chains were keyed (hash_version 1) stay as they are (they cannot be
   * rewritten: the table is append-only). Each chain that ends in them gets one keyed event,
   * `audit.keyed`, whose HMAC covers the last unkeyed hash: from then on, rewriting any old event
   * changes that hash and breaks the seal, and verify accepts unkeyed events only as the start of a
   * chain, right before its seal. Safe to run from several processes at once (the head is locked
   * and looked at again). Answers how many chains were sealed.
   */
  async sealLegacyChains(): Promise<number> {
    let sealed = 0;
    for (const councilId of await this.events.legacyChains()) {
      const done = await this.db.transaction(async (m) => {
        // Lock the head (a move by nothing) and read it under the lock: another process may have sealed it.
        const head = await this.events.advanceHead(m, councilId, 0);
        if (head.seq === '0' || (await this.events.newestVersion(m, councilId, head.seq)) !== LEGACY_HASH) return false;
        await this.append(m, councilId, [
          {
            entityType: councilId === null ? 'directory' : 'council',
            entityId: councilId ?? DIRECTORY_ENTITY_ID,
            action: KEYED_SEAL_ACTION,
            actorId: null,
            after: { unkeyedEvents: head.seq, unkeyedHead: head.hash },
          },
        ]);
        return true;
      });
      if (done) sealed++;
    }
    return sealed;
  }

  /** Appends directory and administration events (people, organisations, …) to the directory chain. */
  appendDirectory(m: EntityManager, inputs: EventInput[]): Promise<AuditEvent[]> {
    return this.append(m, null, inputs);
  }

  /**
   * Appends events to the council's chain (null: the directory chain) inside the caller's
   * transaction, in two statements: the first moves the chain's sequence on and locks its head
   * until commit, the second writes the events and the new head. Call it last in the transaction,
   * so that writers of one council wait for each other only during that short tail.
   */
  async append(m: EntityManager, councilId: string | null, inputs: EventInput[]): Promise<AuditEvent[]> {
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
      const hash = keyedEventHash(this.config.auditKey, prevHash, content);
      rows.push(Object.assign(new AuditEvent(), { ...content, id: randomUUID(), at, prevHash, hash, hashVersion: KEYED_HASH }));
      prevHash = hash;
    }
    await this.events.appendAndSetHead(m, councilId, at, rows, prevHash);
    return rows;
  }

  async listForResolution(resolutionId: string): Promise<AuditEvent[]> {
    return this.events.listForResolution(resolutionId);
  }

  /** A page of one resolution's events, oldest first: those after `afterSeq` (the cursor's), at most `take`. */
  pageForResolution(resolutionId: string, afterSeq: string | null, take: number): Promise<AuditEvent[]> {
    return this.events.pageForResolution(resolutionId, afterSeq, take);
  }

  /**
   * Recomputes the council's chain (null: the directory chain) in order and names the first event
   * whose link does not hold. Keyed events need AUDIT_KEY to be recomputed; unkeyed ones (from
   * before the key) are accepted only as the start of the chain and only when a keyed
   * `audit.keyed` event follows them (a chain rewritten without the key as unkeyed fails there).
   */
  async verify(councilId: string | null): Promise<ChainVerdict> {
    let prevHash: string | null = null;
    let expectedSeq = 1n;
    let checked = 0;
    let afterSeq = '0';
    let lastVersion: number | null = null;
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
        // Unkeyed only at the start; the first keyed event after them must be the seal.
        const versionFits =
          e.hashVersion === KEYED_HASH
            ? lastVersion !== LEGACY_HASH || e.action === KEYED_SEAL_ACTION
            : e.hashVersion === LEGACY_HASH && lastVersion !== KEYED_HASH;
        const intact =
          versionFits &&
          BigInt(e.seq) === expectedSeq &&
          e.prevHash === prevHash &&
          hashOf(e.hashVersion, this.config.auditKey, prevHash, content) === e.hash;
        if (!intact) return { ok: false, checked, firstBrokenEventId: e.id, firstBrokenSeq: String(expectedSeq) };
        checked++;
        lastVersion = e.hashVersion;
        prevHash = e.hash;
        expectedSeq++;
      }
      afterSeq = String(batch[batch.length - 1].seq);
    }
    // Unkeyed events with no seal after them: the seal is missing (or the chain was rewritten unkeyed).
    if (lastVersion === LEGACY_HASH) return { ok: false, checked, firstBrokenSeq: String(expectedSeq) };
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
