import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasCouncilRole, type Principal } from '../../common/principal';
import { Clock } from '../../common/clock';
import { conflict, forbidden, notFound } from '../../common/domain-error';
import { decodeCursor, toPage, type Page } from '../../common/pagination';
import { findChannel, requeueFailed } from './delivery.repository';
import type { SendOutcome } from './channels/channel';
import { Delivery, type DeliveryChannel, type DeliveryStatus } from './delivery.entity';
import { DeliveryQueue } from './delivery-queue.service';
import { DeliverySender } from './delivery-sender.service';

export interface DeliveryFilter {
  resolutionId?: string;
  councilId?: string;
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  limit?: number;
  cursor?: string;
}

/** GET /deliveries, POST /deliveries/:id/retry and a channel's test message. */
@Injectable()
export class DeliveriesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly queue: DeliveryQueue,
    private readonly sender: DeliverySender,
  ) {}

  /** Admins see every delivery; a supervisor sees those of the councils they supervise. */
  async list(caller: Principal, f: DeliveryFilter): Promise<Page<ReturnType<typeof deliveryView>>> {
    const limit = f.limit ?? 50;
    const qb = this.db.getRepository(Delivery).createQueryBuilder('d');
    if (!caller.isAdmin) {
      const supervised = [...caller.councilRoles].filter(([, roles]) => roles.has('supervisor')).map(([id]) => id);
      if (supervised.length === 0)
        throw forbidden('DELIVERIES_SUPERVISORS_ONLY', 'only administrators and council supervisors see deliveries');
      qb.where('d.councilId IN (:...supervised)', { supervised });
    }
    if (f.councilId) qb.andWhere('d.councilId = :councilId', { councilId: f.councilId });
    if (f.resolutionId) qb.andWhere('d.resolutionId = :resolutionId', { resolutionId: f.resolutionId });
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.channel) qb.andWhere('d.channel = :channel', { channel: f.channel });
    const after = decodeCursor(f.cursor, 2, ['instant', 'uuid']);
    if (after) qb.andWhere('(d.createdAt, d.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, (d) => [d.createdAt.toISOString(), d.id], deliveryView);
  }

  /** Sends a `failed` delivery again; its attempts continue from where they stopped. */
  async retry(caller: Principal, id: string) {
    const row = await this.db.getRepository(Delivery).findOneBy({ id });
    if (!row || !this.mayManage(caller, row)) throw notFound('delivery');
    const now = this.clock.now();
    if (!(await requeueFailed(this.db.manager, id, now)))
      throw conflict('DELIVERY_NOT_FAILED', `only a failed delivery can be retried; this one is ${row.status}`);
    await this.queue.enqueue([{ id, nextAttemptAt: now }]);
    return deliveryView((await this.db.getRepository(Delivery).findOneBy({ id }))!);
  }

  /** POST /councils/:id/channels/:channelId/test: admin or the council's chair. */
  async testChannel(caller: Principal, councilId: string, channelId: string): Promise<Omit<SendOutcome, 'retry'>> {
    const channel = await findChannel(this.db.manager, channelId, councilId);
    const reader = caller.isAdmin || hasCouncilRole(caller, councilId, 'chair', 'supervisor', 'secretary');
    if (!channel || !reader) throw notFound('channel');
    if (!caller.isAdmin && !hasCouncilRole(caller, councilId, 'chair'))
      throw forbidden('COUNCIL_ADMIN_OR_CHAIR', 'only an administrator or the council chair may do this');
    const { ok, httpStatus, vendorCode, message } = await this.sender.test(channel, this.clock.now());
    return { ok, httpStatus, vendorCode, message };
  }

  private mayManage(caller: Principal, row: Delivery): boolean {
    return caller.isAdmin || (!!row.councilId && hasCouncilRole(caller, row.councilId, 'supervisor'));
  }
}

export function deliveryView(d: Delivery) {
  return {
    id: d.id,
    notificationId: d.notificationId,
    resolutionId: d.resolutionId,
    councilId: d.councilId,
    channel: d.channel,
    channelId: d.channelId,
    recipientId: d.recipientId,
    mentionIds: d.mentionIds,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    sentAt: d.sentAt,
    createdAt: d.createdAt,
  };
}
