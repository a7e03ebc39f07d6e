import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { BULLETIN_JOBS, BULLETINS_QUEUE, bulletinSchedulerId, type IssueBulletinJobData } from '../common/queues';
import { Council } from '../councils/council.entity';
import { CouncilsService, type PolicyChangeHook } from '../councils/councils.service';
import { resolvePolicy, type CouncilPolicy } from '../councils/policy';

/**
 * Keeps one BullMQ job scheduler per council on its `bulletin.cron`, in its time zone. A scheduler
 * fires once per tick however many workers run; its id is the council's, so any number of processes
 * upserting it leave exactly one. Upserted when a policy changes, and reconciled by the worker at
 * start and every minute (new councils, a Redis that lost its data).
 */
@Injectable()
export class BulletinScheduleService implements PolicyChangeHook {
  private readonly logger = new Logger('BulletinSchedule');

  constructor(
    @InjectQueue(BULLETINS_QUEUE) private readonly queue: Queue,
    @Inject(DataSource) private readonly db: DataSource,
    councils: CouncilsService,
  ) {
    councils.setPolicyChangeHook(this);
  }

  /** Runs in the transaction that changed the policy: reads the new one there. A Redis failure must not undo the change. */
  async policyChanged(m: EntityManager, councilId: string): Promise<void> {
    const council = await m.findOneBy(Council, { id: councilId });
    if (!council) return;
    try {
      await this.apply(council.id, council.policy, council.timezone);
    } catch (err) {
      this.logger.warn(`bulletin schedule of council ${councilId} not updated now (the worker reconciles it): ${(err as Error).message}`);
    }
  }

  async apply(councilId: string, policy: CouncilPolicy, timezone: string): Promise<void> {
    // The bulletin is council-wide: the policy without any priority override.
    const cron = resolvePolicy(policy, 'normal').bulletin?.cron ?? null;
    const id = bulletinSchedulerId(councilId);
    if (!cron) {
      await this.queue.removeJobScheduler(id);
      return;
    }
    const existing = await this.queue.getJobScheduler(id);
    if (existing?.pattern === cron && existing.tz === timezone) return;
    const data: IssueBulletinJobData = { councilId };
    await this.queue.upsertJobScheduler(
      id,
      { pattern: cron, tz: timezone },
      {
        name: BULLETIN_JOBS.issue,
        data,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: 100, removeOnFail: 500 },
      },
    );
  }

  /** Every council's scheduler as its policy says; schedulers of councils that no longer exist are removed. */
  async reconcileAll(): Promise<number> {
    const councils = await this.db.getRepository(Council).find({ select: { id: true, policy: true, timezone: true } });
    for (const c of councils) await this.apply(c.id, c.policy, c.timezone);
    const known = new Set(councils.map((c) => bulletinSchedulerId(c.id)));
    for (const s of await this.queue.getJobSchedulers(0, -1)) {
      if (s.key.startsWith('bulletin:') && !known.has(s.key)) await this.queue.removeJobScheduler(s.key);
    }
    return councils.length;
  }
}
