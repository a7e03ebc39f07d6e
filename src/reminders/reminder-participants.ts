import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AfterCommit, HookParticipant } from '../common/transaction-hook';
import type { CouncilPolicyChange } from '../councils/council-policy.hook';
import type { ResolutionChange } from '../resolutions/resolution-hooks';
import { ReminderEngine } from './reminder-engine.service';

/**
 * The engine's part in every resolution transition: recompute the item's schedule and write the
 * workflow's notices in the transition's transaction; once it has committed, wake the queue for the
 * actions that fall due soon.
 */
@Injectable()
export class ScheduleOnTransition implements HookParticipant<ResolutionChange> {
  constructor(private readonly engine: ReminderEngine) {}

  async duringTransaction(m: EntityManager, change: ResolutionChange): Promise<AfterCommit | undefined> {
    const soon = await this.engine.resolutionChanged(m, change);
    return soon.length ? () => this.engine.wake(soon) : undefined;
  }
}

/** The engine's part in a council policy change: re-plan the council's open items in that transaction. */
@Injectable()
export class ReplanOnPolicyChange implements HookParticipant<CouncilPolicyChange> {
  constructor(private readonly engine: ReminderEngine) {}

  async duringTransaction(m: EntityManager, change: CouncilPolicyChange): Promise<AfterCommit | undefined> {
    await this.engine.policyChanged(m, change.councilId, change.changes);
    return undefined;
  }
}
