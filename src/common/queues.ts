/**
 * The queue catalogue: every queue, job name and payload in one place. Payloads carry no secrets and
 * no domain data — PostgreSQL is the truth; a job only says "look now".
 */
export const REMINDERS_QUEUE = 'reminders';

export const REMINDER_JOBS = {
  /** Repeating (job scheduler): moves the near future of scheduled_actions into delayed fire jobs. */
  dispatch: 'dispatch',
  /** Handles every scheduled action that is due; `bucket` is the instant it was delayed to. */
  fire: 'fire',
} as const;

export interface FireJobData {
  bucket: number;
}

/** Fire jobs are grouped in buckets of this many milliseconds: one job per bucket, not per action. */
export const FIRE_BUCKET_MS = 100;

export const DISPATCH_SCHEDULER_ID = 'reminders-dispatch';

/**
 * Set (with a short expiry) while the reminder engine has more due actions than one batch: outward
 * sending then runs at a trickle, so a burst of reminders is decided and written first and its messages
 * go out right after. The engine refreshes it every full batch and deletes it when a run drains.
 */
export const engineBacklogKey = (queuePrefix: string) => `${queuePrefix}:engine-backlog`;
export const ENGINE_BACKLOG_TTL_MS = 3_000;

/** Outward deliveries (e-mail, robots, webhooks): one job per delivery row, its id the row's id. */
export const DELIVERIES_QUEUE = 'deliveries';

export const DELIVERY_JOBS = {
  /** Sends one delivery row (or, for a digest row, the recipient's whole digest). */
  send: 'send',
  /** Repeating (job scheduler): re-queues pending rows that are due and that Redis may have lost. */
  sweep: 'sweep',
} as const;

export interface SendJobData {
  deliveryId: string;
}

export const DELIVERY_SWEEP_SCHEDULER_ID = 'deliveries-sweep';
/** Scheduled bulletins (督查通报): one job scheduler per council, on its `bulletin.cron` in its zone. */
export const BULLETINS_QUEUE = 'bulletins';

export const BULLETIN_JOBS = {
  /** Issues the council's bulletin for the period since its previous one. */
  issue: 'issue',
} as const;

export interface IssueBulletinJobData {
  councilId: string;
}

/** One scheduler per council, whatever number of processes upsert it. */
export const bulletinSchedulerId = (councilId: string) => `bulletin:${councilId}`;
