import type { EntityManager } from 'typeorm';
import type { CouncilContext } from '../councils/councils.service';
import type { Resolution } from './resolution.entity';
import type { WorkflowAction } from './resolution-workflow';

/** What happened to a resolution, handed to the reminder engine inside the same transaction. */
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
 * Implemented by the reminder engine: recompute the resolution's scheduled actions and write the
 * workflow's own notices, in the caller's transaction. Answers the instants of actions that fall
 * due soon, which `wake` hands to the queue once the transaction has committed.
 */
export interface ResolutionChangeListener {
  resolutionChanged(m: EntityManager, change: ResolutionChange): Promise<Date[]>;
  wake(instants: Date[]): Promise<void>;
}

export const RESOLUTION_CHANGE_LISTENER = Symbol('RESOLUTION_CHANGE_LISTENER');
