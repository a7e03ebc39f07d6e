import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { resolvePolicy } from '../../councils/policy';
import { maskUrl } from '../../councils/url-safety';
import { APP_CONFIG, type AppConfig } from '../../config/env';
import { planDeliveries, type CouncilFacts, type WrittenNotification } from './delivery-planner';
import { DeliveryQueue, type DueDelivery } from './delivery-queue.service';
import { findChannelsOfCouncils, findCouncilSettings, findPeople, insertDeliveries } from './delivery.repository';

/**
 * The outbox. `write` runs in the transaction that wrote the notifications and inserts their
 * deliveries there too; the ids it wrote are queued once that transaction has committed (a TypeORM
 * subscriber sees the commit), never before — a job must not look for a row that is not there yet,
 * nor for one that was rolled back — unless the writer leaves them to the sweep (a burst, below). If
 * the process dies between commit and queueing, the sweep finds the rows pending and queues them.
 */
@Injectable()
export class DeliveryOutbox implements OnModuleInit {
  private readonly afterCommit = new WeakMap<QueryRunner, DueDelivery[]>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
  ) {}

  onModuleInit(): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event) => {
        const due = this.afterCommit.get(event.queryRunner);
        if (!due) return;
        this.afterCommit.delete(event.queryRunner);
        void this.queue.enqueue(due);
      },
      afterTransactionRollback: (event) => {
        this.afterCommit.delete(event.queryRunner);
      },
    };
    this.db.subscribers.push(subscriber);
  }

  /**
   * Writes the deliveries of notifications just written, in the caller's transaction, and queues them
   * once it commits. `leaveQueueingToSweep`: the engine, in the middle of a burst, writes the rows and
   * does not queue them one by one; the sweep it asks for when the burst is over queues them all together
   * (NotificationsService.queueDeliveriesLeftToSweep), or the periodic sweep if that request is lost.
   */
  async write(
    m: EntityManager,
    written: WrittenNotification[],
    now: Date,
    options: { leaveQueueingToSweep?: boolean } = {},
  ): Promise<void> {
    if (written.length === 0) return;
    const personIds = [...new Set(written.map((n) => n.personId))];
    const councilIds = [...new Set(written.map((n) => n.councilId).filter((x): x is string => !!x))];
    // One after the other: they run on the caller's transaction, one connection (pg queues concurrent
    // queries on a client anyway, and warns that pg 9 will refuse them).
    const people = await findPeople(m, personIds);
    const channels = await findChannelsOfCouncils(m, councilIds);
    const councils = await findCouncilSettings(m, councilIds);
    const planned = planDeliveries({
      notifications: written,
      people: new Map(people.map((p) => [p.id, p])),
      channels: channels,
      councils: new Map<string, CouncilFacts>(
        councils.map((c) => [c.id, { timezone: c.timezone, quietHours: resolvePolicy(c.policy, 'normal').quietHours ?? null }]),
      ),
      emailConfigured: !!this.config.delivery.smtpUrl,
      now,
      maskTarget: (c) => maskUrl(c.url),
    });
    if (planned.length === 0) return;
    const inserted = (await insertDeliveries(m, planned, now)).filter((row) => row.status === 'pending');
    if (inserted.length === 0 || options.leaveQueueingToSweep) return;
    const runner = m.queryRunner;
    if (runner?.isTransactionActive) this.afterCommit.set(runner, [...(this.afterCommit.get(runner) ?? []), ...inserted]);
    else await this.queue.enqueue(inserted);
  }
}
