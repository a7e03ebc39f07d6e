import {
  decideTransition,
  RESOLUTION_STATUSES,
  WORKFLOW_ACTIONS,
  type Actor,
  type ResolutionStatus,
  type WorkflowAction,
} from './resolution-workflow';

/**
 * The transition table of shared/API.md, copied by hand (not derived from WORKFLOW_RULES, so a change
 * to the rules that breaks the contract fails here). `to` absent: the status does not change.
 * Where API.md is silent: a supervisor decides extensions while the item is in progress (requests are
 * only made then), and splits (add_child) any open item.
 */
const OPEN: ResolutionStatus[] = ['registered', 'assigned', 'in_progress', 'completion_requested'];
const CONTRACT: Record<WorkflowAction, { who: Actor[]; from: ResolutionStatus[]; to?: ResolutionStatus }> = {
  assign: { who: ['supervisor'], from: ['registered'], to: 'assigned' },
  reassign: { who: ['supervisor'], from: ['assigned', 'in_progress'] },
  accept: { who: ['owner'], from: ['assigned'], to: 'in_progress' },
  progress: { who: ['owner', 'co_handler', 'lead_leader', 'co_leader'], from: ['in_progress'] },
  request_extension: { who: ['owner'], from: ['in_progress'] },
  decide_extension: { who: ['supervisor'], from: ['in_progress'] },
  request_completion: { who: ['owner'], from: ['in_progress'], to: 'completion_requested' },
  verify: { who: ['supervisor'], from: ['completion_requested'], to: 'closed' },
  return: { who: ['supervisor'], from: ['completion_requested'], to: 'in_progress' },
  cancel: { who: ['secretary', 'supervisor', 'chair'], from: OPEN, to: 'cancelled' },
  urge: { who: ['supervisor'], from: OPEN },
  check: { who: ['supervisor'], from: [...OPEN, 'closed'] },
  add_child: { who: ['supervisor'], from: OPEN },
};

const ACTORS: Actor[] = ['admin', 'chair', 'secretary', 'supervisor', 'owner', 'co_handler', 'lead_leader', 'co_leader', 'lead_member'];
const STATUSES: ResolutionStatus[] = ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled'];

type Row = [WorkflowAction, ResolutionStatus, Actor, string];
const rows: Row[] = [];
for (const action of Object.keys(CONTRACT) as WorkflowAction[]) {
  const c = CONTRACT[action];
  for (const status of STATUSES) {
    for (const actor of ACTORS) {
      const expected = !c.who.includes(actor) ? 'forbidden' : c.from.includes(status) ? `ok → ${c.to ?? status}` : 'invalid_state';
      rows.push([action, status, actor, expected]);
    }
  }
}

function verdictText(action: WorkflowAction, status: ResolutionStatus, actors: Actor[]): string {
  const v = decideTransition(action, status, new Set(actors));
  return v.ok ? `ok → ${v.to}` : v.reason;
}

describe('resolution workflow (API.md transition table)', () => {
  it('knows exactly the actions and statuses of the contract', () => {
    expect([...WORKFLOW_ACTIONS].sort()).toEqual(Object.keys(CONTRACT).sort());
    expect([...RESOLUTION_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it('covers every (action, status, actor) once', () => {
    expect(rows).toHaveLength(13 * 6 * 9);
    expect(rows.filter((r) => r[3].startsWith('ok')).length).toBe(
      // assign 1 + reassign 2 + accept 1 + progress 4 + extension 1 + decide 1 + completion 1 + verify 1 + return 1
      // + cancel 12 + urge 4 + check 5 + add_child 4
      1 + 2 + 1 + 4 + 1 + 1 + 1 + 1 + 1 + 12 + 4 + 5 + 4,
    );
  });

  it.each(rows)('%s on %s by %s → %s', (action, status, actor, expected) => {
    expect(verdictText(action, status, [actor])).toBe(expected);
  });

  it('names the allowed statuses when the state is wrong', () => {
    const v = decideTransition('verify', 'in_progress', new Set<Actor>(['supervisor']));
    expect(v).toEqual({ ok: false, reason: 'invalid_state', allowedFrom: ['completion_requested'] });
  });

  it.each<[string, WorkflowAction, ResolutionStatus, Actor[], string]>([
    ['nobody at all is forbidden', 'cancel', 'registered', [], 'forbidden'],
    ['a supervisor who owns the item may accept it', 'accept', 'assigned', ['supervisor', 'owner'], 'ok → in_progress'],
    ['an owner who is a supervisor may not verify their own item', 'verify', 'completion_requested', ['owner', 'supervisor'], 'own_item'],
    ['nor send it back', 'return', 'completion_requested', ['supervisor', 'owner'], 'own_item'],
    ['nor decide its extension', 'decide_extension', 'in_progress', ['supervisor', 'owner'], 'own_item'],
    ['not even as chair and admin besides', 'verify', 'completion_requested', ['admin', 'chair', 'supervisor', 'owner'], 'own_item'],
    ['the own-item bar comes before the state', 'verify', 'in_progress', ['owner', 'supervisor'], 'own_item'],
    ['an owner who is a supervisor may still urge their own item', 'urge', 'in_progress', ['owner', 'supervisor'], 'ok → in_progress'],
    ['and cancel it (a decision of the council, not a request of theirs)', 'cancel', 'assigned', ['owner', 'supervisor'], 'ok → cancelled'],
    [
      'a lead member and co leader may report progress through the co leader role',
      'progress',
      'in_progress',
      ['lead_member', 'co_leader'],
      'ok → in_progress',
    ],
    ['role first: a forbidden actor never learns the state', 'accept', 'closed', ['lead_member', 'admin'], 'forbidden'],
    ['holding the role in a wrong state is a state problem', 'return', 'closed', ['chair', 'supervisor'], 'invalid_state'],
    ['nothing leaves cancelled, not even for every role at once', 'cancel', 'cancelled', ACTORS, 'invalid_state'],
    ['a closed item may still be checked', 'check', 'closed', ['supervisor'], 'ok → closed'],
    ['a cancelled item may not be checked', 'check', 'cancelled', ['supervisor'], 'invalid_state'],
  ])('%s', (_label, action, status, actors, expected) => {
    expect(verdictText(action, status, actors)).toBe(expected);
  });
});
