import { TransactionHook } from '../common/transaction-hook';
import type { Council } from './council.entity';

/** A council's policy, time zone or calendar changed (inside the transaction that changed it). */
export interface CouncilPolicyChange {
  councilId: string;
  /** The council's new policy, zone or calendar, not yet written to its row (the items are locked first). */
  changes: Partial<Council>;
}

/**
 * Run inside the transaction that changed a council's policy, zone or calendar: the reminder engine
 * re-plans the council's open items there. Participants are bound in app.module.ts.
 */
export class CouncilPolicyHook extends TransactionHook<CouncilPolicyChange> {}
