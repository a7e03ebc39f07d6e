import type { RecipientRole } from '../councils/policy';
import type { NotificationKind } from '../notifications/notification.entity';
import type { ResolutionChange } from '../resolutions/resolution-hooks';

export interface WorkflowNotice {
  kind: NotificationKind;
  roles: RecipientRole[];
  /** A person named directly (a new owner), besides the roles. */
  extraPersonIds?: string[];
}

/** The workflow's own notices: who hears about a transition at once. Pure. */
export function noticesFor(change: ResolutionChange): WorkflowNotice[] {
  const { action, before, after } = change;
  switch (action) {
    case 'assign':
      return [{ kind: 'assigned', roles: ['owner', 'leadLeader', 'coLeaders'] }];
    case 'reassign':
      return before && before.ownerId !== after.ownerId ? [{ kind: 'assigned', roles: ['owner', 'leadLeader'] }] : [];
    case 'decide_extension':
      return [{ kind: 'extension_decided', roles: ['owner'] }];
    case 'return':
      return [{ kind: 'returned', roles: ['owner'] }];
    case 'verify':
      return [{ kind: 'closed', roles: ['owner', 'leadLeader'] }];
    case 'cancel':
      return after.ownerId ? [{ kind: 'cancelled', roles: ['owner', 'leadLeader'] }] : [];
    case 'urge':
      return [{ kind: 'urged', roles: ['owner'] }];
    case 'register':
    case 'accept':
    case 'progress':
    case 'request_extension':
    case 'request_completion':
    case 'check':
    case 'add_child':
      return [];
  }
}
