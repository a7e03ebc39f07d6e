import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { BULLETIN_JOBS, BULLETINS_QUEUE, bulletinSchedulerId, type IssueBulletinJobData } from '../common/queues';
import type { AfterCommit, HookParticipant } from '../common/transaction-hook';
import type { CouncilPolicyChange } from '../councils/council-policy.hook';
import { CouncilsService } from '../councils/councils.service';
import { resolvePolicy, type CouncilPolicy } from '../councils/policy';

/**
 * Keeps one BullMQ job scheduler per council on its `bulletin.cron`, in its time zone. A scheduler
 * fires once per tick however many workers run; its id is the council's, so any number of processes
 * upserting it leave exactly one. Upserted when a policy changes, and reconciled by the worker at
 * start and every minute (new councils, a Redis that lost its data).
 */
@Injectable()
export class BulletinScheduleService {
  constructor(
    @InjectQueue(BULLETINS_QUEUE) private readonly queue: Queue,
    private readonly councils: CouncilsService,
  ) {}

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
    const councils = await this.councils.allSchedules();
    for (const c of councils) await this.apply(c.id, c.policy, c.timezone);
    const known = new Set(councils.map((c) => bulletinSchedulerId(c.id)));
    for (const s of await this.queue.getJobSchedulers(0, -1)) {
      if (s.key.startsWith('bulletin:') && !known.has(s.key)) await this.queue.removeJobScheduler(s.key);
    }
    return councils.length;
  }
}

/**
 * Supervision's part in a council policy change: read the new policy inside the transaction, and
 * upsert (or remove) the council's scheduler once it has committed. A Redis failure then is logged by
 * the hook and repaired by the worker's reconciliation; it never undoes the policy change.
 */
@Injectable()
export class RescheduleBulletinOnPolicyChange implements HookParticipant<CouncilPolicyChange> {
  constructor(
    private readonly schedule: BulletinScheduleService,
    private readonly councils: CouncilsService,
  ) {}

  async duringTransaction(m: EntityManager, change: CouncilPolicyChange): Promise<AfterCommit | undefined> {
    // The hook runs before the council row is written (the items are locked first), so the new
    // settings come from the change; what it does not change is read in the same transaction.
    const council = await this.councils.settingsIn(m, change.councilId);
    if (!council) return undefined;
    const policy = change.changes.policy ?? (council.policy as CouncilPolicy);
    const timezone = change.changes.timezone ?? council.timezone;
    return () => this.schedule.apply(change.councilId, policy, timezone);
  }
}
