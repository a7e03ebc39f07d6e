import { TransactionHook } from '../common/transaction-hook';

/** A council's policy, time zone or calendar changed (inside the transaction that changed it). */
export interface CouncilPolicyChange {
  councilId: string;
}

/**
 * Run inside the transaction that changed a council's policy, zone or calendar: the reminder engine
 * re-plans the council's open items there. Participants are bound in app.module.ts.
 */
export class CouncilPolicyHook extends TransactionHook<CouncilPolicyChange> {}
