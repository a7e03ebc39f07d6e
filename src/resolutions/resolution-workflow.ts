/**
 * The resolution state machine as data: which action may run from which status, who may run it,
 * and where it leads. Pure: no Nest, no TypeORM, so it is tested as a table.
 */

export const RESOLUTION_STATUSES = ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

export const OPEN_STATUSES = ['registered', 'assigned', 'in_progress', 'completion_requested'] as const;
export const TERMINAL_STATUSES: readonly ResolutionStatus[] = ['closed', 'cancelled'];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function isOpen(status: ResolutionStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

/** Who the caller is with respect to one resolution. A person may hold several of these. */
export type Actor = 'admin' | 'chair' | 'secretary' | 'supervisor' | 'owner' | 'co_handler' | 'lead_leader' | 'co_leader' | 'lead_member';

export const WORKFLOW_ACTIONS = [
  'assign',
  'reassign',
  'accept',
  'progress',
  'request_extension',
  'decide_extension',
  'request_completion',
  'verify',
  'return',
  'cancel',
  'urge',
  'check',
  'add_child',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

interface Rule {
  from: readonly ResolutionStatus[];
  /** The status after the action; undefined keeps the current one. */
  to?: ResolutionStatus;
  actors: readonly Actor[];
  /**
   * Capacities that bar the action even when the caller also holds one of `actors`: nobody decides
   * on their own request (DESIGN.md, "Data safety and access"), so an owner who is also a supervisor
   * cannot approve their own extension, sign off or send back their own item.
   */
  notBy?: readonly Actor[];
}

const ANY_OPEN = OPEN_STATUSES;

export const WORKFLOW_RULES: Readonly<Record<WorkflowAction, Rule>> = {
  assign: { from: ['registered'], to: 'assigned', actors: ['supervisor'] },
  reassign: { from: ['assigned', 'in_progress'], actors: ['supervisor'] },
  accept: { from: ['assigned'], to: 'in_progress', actors: ['owner'] },
  progress: { from: ['in_progress'], actors: ['owner', 'co_handler', 'lead_leader', 'co_leader'] },
  request_extension: { from: ['in_progress'], actors: ['owner'] },
  decide_extension: { from: ['in_progress'], actors: ['supervisor'], notBy: ['owner'] },
  request_completion: { from: ['in_progress'], to: 'completion_requested', actors: ['owner'] },
  verify: { from: ['completion_requested'], to: 'closed', actors: ['supervisor'], notBy: ['owner'] },
  return: { from: ['completion_requested'], to: 'in_progress', actors: ['supervisor'], notBy: ['owner'] },
  cancel: { from: ANY_OPEN, to: 'cancelled', actors: ['secretary', 'supervisor', 'chair'] },
  urge: { from: ANY_OPEN, actors: ['supervisor'] },
  check: { from: [...ANY_OPEN, 'closed'], actors: ['supervisor'] },
  add_child: { from: ANY_OPEN, actors: ['supervisor'] },
};

/** Each action as the end of "you may not …", for messages that read as sentences. */
export const ACTION_PHRASES: Readonly<Record<WorkflowAction, string>> = {
  assign: 'assign this resolution',
  reassign: 'reassign this resolution',
  accept: 'accept this resolution',
  progress: 'report progress on this resolution',
  request_extension: 'request an extension of this resolution',
  decide_extension: 'decide on an extension of this resolution',
  request_completion: 'request the completion of this resolution',
  verify: 'sign off (verify) this resolution',
  return: 'send this resolution back for rework',
  cancel: 'cancel this resolution',
  urge: 'urge this resolution',
  check: 'record a supervision check of this resolution',
  add_child: 'split this resolution',
};

export type TransitionVerdict =
  | { ok: true; to: ResolutionStatus }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'own_item' }
  | { ok: false; reason: 'invalid_state'; allowedFrom: readonly ResolutionStatus[] };

/**
 * Decides whether `actors` may run `action` on a resolution in `status`. Role comes first: someone
 * who may never run the action gets "forbidden" whatever the state, so the state does not leak;
 * then the separation of duties ("own_item"), also before the state.
 */
export function decideTransition(action: WorkflowAction, status: ResolutionStatus, actors: ReadonlySet<Actor>): TransitionVerdict {
  const rule = WORKFLOW_RULES[action];
  if (!rule.actors.some((a) => actors.has(a))) return { ok: false, reason: 'forbidden' };
  if (rule.notBy?.some((a) => actors.has(a))) return { ok: false, reason: 'own_item' };
  if (!rule.from.includes(status)) return { ok: false, reason: 'invalid_state', allowedFrom: rule.from };
  return { ok: true, to: rule.to ?? status };
}
