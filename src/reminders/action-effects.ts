import type { RecipientRole } from '../councils/policy';
import type { NotificationKind } from '../notifications/notification.entity';
import type { ScheduledAction } from './scheduled-action.entity';

/** What carrying out one action changes on its resolution and whom it tells. Pure. */
export interface ActionEffect {
  notify: { kind: NotificationKind; roles: RecipientRole[]; level: number | null } | null;
  escalateTo?: number;
  reportMissed?: { cycle: Date };
  reportSettled?: { cycle: Date };
}

export interface EffectSubject {
  dueAt: Date | null;
  escalationLevel: number;
  lastProgressAt: Date | null;
  missedReports: number;
}

/**
 * @param previousCycle for report actions: the cycle before this one; a report made after it counts.
 * @param now when the action is carried out (late, after a stop, a "due soon" no longer is).
 */
export function effectOf(
  action: Pick<ScheduledAction, 'kind' | 'level' | 'recipients' | 'key'>,
  r: EffectSubject,
  previousCycle: Date | null,
  now: Date,
): ActionEffect {
  switch (action.kind) {
    case 'acceptance_overdue':
      return { notify: { kind: 'acceptance_overdue', roles: action.recipients, level: null } };
    case 'due_soon':
      // Carried out after the deadline (the workers were stopped): the escalation says it better.
      if (r.dueAt && now.getTime() > r.dueAt.getTime()) return { notify: null };
      return { notify: { kind: 'due_soon', roles: action.recipients, level: null } };
    case 'stagnant':
      return { notify: { kind: 'stagnant', roles: action.recipients, level: null } };
    case 'escalation': {
      const level = action.level ?? 1;
      return {
        notify: { kind: level <= 1 ? 'overdue' : 'escalated', roles: action.recipients, level },
        escalateTo: Math.max(r.escalationLevel, level),
      };
    }
    case 'progress_report_due': {
      const reported = !!(previousCycle && r.lastProgressAt && r.lastProgressAt.getTime() > previousCycle.getTime());
      return { notify: reported ? null : { kind: 'progress_report_due', roles: action.recipients, level: null } };
    }
    case 'progress_report_missed': {
      const cycle = new Date(action.key.split('|')[1]);
      const reported = !!(previousCycle && r.lastProgressAt && r.lastProgressAt.getTime() > previousCycle.getTime());
      if (reported) return { notify: null, reportSettled: { cycle } };
      // The second and later misses go to the supervisors too: a missed report escalates on its own.
      const roles: RecipientRole[] = r.missedReports >= 1 ? [...action.recipients, 'supervisors'] : action.recipients;
      return { notify: { kind: 'progress_report_missed', roles, level: Math.min(3, r.missedReports + 1) }, reportMissed: { cycle } };
    }
  }
}
