import { TransactionHook } from '../common/transaction-hook';
import type { CouncilContext } from '../councils/councils.service';
import type { Resolution } from './resolution.entity';
import type { WorkflowAction } from './resolution-workflow';

/** What happened to a resolution, handed to the hook's participants inside the same transaction. */
export interface ResolutionChange {
  action: WorkflowAction | 'register';
  actorId: string;
  before: Resolution | null;
  after: Resolution;
  /** Free text that came with the action (urge note, return reason…), for notices. */
  note?: string | null;
  /** The council's context as the transition saw it. */
  context: CouncilContext;
}

/**
 * Run by every transition (and for each child a cancel cascades to) inside the transition's
 * transaction, after its conditional UPDATE succeeded: the reminder engine recomputes the item's
 * schedule and writes the workflow's notices there; the delivery outbox and supervision join later.
 * The participants and their order are bound in app.module.ts.
 */
export class ResolutionTransitionHook extends TransactionHook<ResolutionChange> {}
