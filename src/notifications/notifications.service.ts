import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import { DeliveryOutbox } from './delivery/delivery-outbox.service';
import { DeliveryQueue } from './delivery/delivery-queue.service';
import type { WrittenNotification } from './delivery/delivery-planner';
import { Notification, type NotificationKind } from './notification.entity';
import { insertNotifications } from './notification.repository';

export interface NotificationInput {
  personId: string;
  sourceKey: string;
  kind: NotificationKind;
  councilId: string | null;
  resolutionId: string | null;
  level?: number | null;
  title: string;
  body: string;
}

/** What the engine's catch-up reads of a message already written. */
export type SentNotification = Pick<Notification, 'resolutionId' | 'kind' | 'personId' | 'level' | 'createdAt'>;

@Injectable()
export class NotificationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly outbox: DeliveryOutbox,
    private readonly deliveryQueue: DeliveryQueue,
  ) {}

  /**
   * Writes notifications in the caller's transaction; a (source, person) already written is skipped.
   * Their outward deliveries (the outbox) are written in the same transaction, so callers need not know
   * about delivery at all. `leaveQueueingToSweep`: see DeliveryOutbox.write.
   */
  async createMany(
    m: EntityManager,
    inputs: NotificationInput[],
    at: Date = this.clock.now(),
    options: { leaveQueueingToSweep?: boolean } = {},
  ): Promise<number> {
    const rows = inputs.map((n) => ({ ...n, level: n.level ?? null }));
    const byKey = new Map(rows.map((n) => [`${n.sourceKey}|${n.personId}`, n]));
    const written: WrittenNotification[] = (await insertNotifications(m, rows, at)).map((row) => {
      const n = byKey.get(`${row.sourceKey}|${row.personId}`)!;
      return {
        id: row.id,
        personId: n.personId,
        sourceKey: n.sourceKey,
        kind: n.kind,
        councilId: n.councilId,
        resolutionId: n.resolutionId,
        level: n.level,
      };
    });
    await this.outbox.write(m, written, at, options);
    return written.length;
  }

  /** Has the deliveries a burst left to the sweep (`leaveQueueingToSweep`) queued now. Never throws. */
  queueDeliveriesLeftToSweep(): Promise<void> {
    return this.deliveryQueue.requestSweep();
  }

  /**
   * The messages of the given kinds about the given items written since `since`, in the caller's
   * transaction (the engine's catch-up checks what a person was already told).
   */
  sentSince(m: EntityManager, resolutionIds: string[], kinds: NotificationKind[], since: Date): Promise<SentNotification[]> {
    return m
      .getRepository(Notification)
      .createQueryBuilder('n')
      .select(['n.resolutionId', 'n.kind', 'n.personId', 'n.level', 'n.createdAt'])
      .where('n.resolutionId IN (:...resolutionIds)', { resolutionIds })
      .andWhere('n.kind IN (:...kinds)', { kinds })
      .andWhere('n.createdAt >= :since', { since })
      .getMany();
  }

  async inbox(caller: Principal, unreadOnly: boolean, limit = 50, cursor?: string): Promise<Page<ReturnType<typeof view>>> {
    const after = decodeCursor(cursor, 2, ['instant', 'uuid']);
    const qb = this.db.getRepository(Notification).createQueryBuilder('n').where('n.personId = :me', { me: caller.id });
    if (unreadOnly) qb.andWhere('n.readAt IS NULL');
    if (after) qb.andWhere('(n.createdAt, n.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id], view);
  }

  async markRead(caller: Principal, id: string) {
    const row = await this.db.getRepository(Notification).findOneBy({ id, personId: caller.id });
    if (!row) throw notFound('notification');
    if (!row.readAt) {
      row.readAt = this.clock.now();
      await this.db.getRepository(Notification).update({ id, personId: caller.id }, { readAt: row.readAt });
    }
    return view(row);
  }
}

function view(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    resolutionId: n.resolutionId,
    councilId: n.councilId,
    level: n.level,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
