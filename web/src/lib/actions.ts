import type { ExtensionRequest, WorkflowAction } from '../api/types';

/** A field of an action's dialog; `name` is the body field the API expects. */
export interface ActionField {
  name: string;
  kind:
    'text' | 'textarea' | 'percent' | 'date' | 'datetime' | 'rating' | 'method' | 'person' | 'people' | 'organization' | 'organizations';
  required: boolean;
}

/** One button on an item's page: its words (i18n key), where it posts, and what the dialog asks. */
export interface ActionButton {
  /** Unique on the page (decide_extension yields two buttons). */
  id: string;
  label: string;
  path: string;
  fields: ActionField[];
  /** Element Plus button type: the main next step stands out, destructive ones are red. */
  type: 'primary' | 'success' | 'warning' | 'danger' | 'default';
  /** Sends the resolution's `version` (every action on the item does; a split registers a new item). */
  versioned: boolean;
}

const f = (name: string, kind: ActionField['kind'], required = false): ActionField => ({ name, kind, required });

/** The order people expect: the next step first, the supervisor's tools after, cancel last. */
const ORDER: WorkflowAction[] = [
  'accept',
  'progress',
  'request_completion',
  'request_extension',
  'decide_extension',
  'verify',
  'return',
  'assign',
  'reassign',
  'urge',
  'check',
  'add_child',
  'cancel',
];

/**
 * The buttons for the actions the API says the caller may take now (`allowedActions`). Deciding an
 * extension needs a pending request: without one there is nothing to approve and no button.
 */
export function actionButtons(allowed: readonly WorkflowAction[], extensions: readonly ExtensionRequest[] = []): ActionButton[] {
  const pending = extensions.find((e) => e.status === 'pending');
  const buttons: ActionButton[] = [];
  for (const action of ORDER) {
    if (!allowed.includes(action)) continue;
    switch (action) {
      case 'assign':
        buttons.push({
          id: action,
          label: 'action.assign',
          path: 'assign',
          type: 'primary',
          versioned: true,
          fields: [
            f('leadOrganizationId', 'organization', true),
            f('ownerId', 'person', true),
            f('dueAt', 'date', true),
            f('coOrganizationIds', 'organizations'),
            f('note', 'textarea'),
          ],
        });
        break;
      case 'reassign':
        buttons.push({
          id: action,
          label: 'action.reassign',
          path: 'reassign',
          type: 'default',
          versioned: true,
          fields: [
            f('leadOrganizationId', 'organization'),
            f('ownerId', 'person'),
            f('dueAt', 'date'),
            f('coOrganizationIds', 'organizations'),
            f('note', 'textarea'),
          ],
        });
        break;
      case 'accept':
        buttons.push({
          id: action,
          label: 'action.accept',
          path: 'accept',
          type: 'primary',
          versioned: true,
          fields: [f('note', 'textarea')],
        });
        break;
      case 'progress':
        buttons.push({
          id: action,
          label: 'action.progress',
          path: 'progress',
          type: 'primary',
          versioned: true,
          fields: [f('percent', 'percent', true), f('note', 'textarea', true)],
        });
        break;
      case 'request_extension':
        buttons.push({
          id: action,
          label: 'action.request_extension',
          path: 'extension-requests',
          type: 'warning',
          versioned: true,
          fields: [f('requestedDueAt', 'date', true), f('reason', 'textarea', true)],
        });
        break;
      case 'decide_extension':
        if (!pending) break;
        buttons.push(
          {
            id: 'approve_extension',
            label: 'action.approve_extension',
            path: `extension-requests/${pending.id}/approve`,
            type: 'success',
            versioned: true,
            fields: [f('note', 'textarea')],
          },
          {
            id: 'reject_extension',
            label: 'action.reject_extension',
            path: `extension-requests/${pending.id}/reject`,
            type: 'warning',
            versioned: true,
            fields: [f('note', 'textarea')],
          },
        );
        break;
      case 'request_completion':
        buttons.push({
          id: action,
          label: 'action.request_completion',
          path: 'completion-request',
          type: 'success',
          versioned: true,
          fields: [f('summary', 'textarea', true), f('evidence', 'textarea')],
        });
        break;
      case 'verify':
        buttons.push({
          id: action,
          label: 'action.verify',
          path: 'verify',
          type: 'success',
          versioned: true,
          fields: [f('rating', 'rating'), f('note', 'textarea')],
        });
        break;
      case 'return':
        buttons.push({
          id: action,
          label: 'action.return',
          path: 'return',
          type: 'warning',
          versioned: true,
          fields: [f('reason', 'textarea', true)],
        });
        break;
      case 'cancel':
        buttons.push({
          id: action,
          label: 'action.cancel',
          path: 'cancel',
          type: 'danger',
          versioned: true,
          fields: [f('reason', 'textarea', true)],
        });
        break;
      case 'urge':
        buttons.push({
          id: action,
          label: 'action.urge',
          path: 'urge',
          type: 'warning',
          versioned: true,
          fields: [f('note', 'textarea', true)],
        });
        break;
      case 'check':
        buttons.push({
          id: action,
          label: 'action.check',
          path: 'checks',
          type: 'default',
          versioned: true,
          fields: [
            f('checkedAt', 'datetime', true),
            f('method', 'method', true),
            f('inspectorIds', 'people', true),
            f('findings', 'textarea', true),
            f('rating', 'rating', true),
          ],
        });
        break;
      case 'add_child':
        buttons.push({
          id: action,
          label: 'action.add_child',
          path: 'children',
          type: 'default',
          versioned: false,
          fields: [f('title', 'text', true), f('dueAt', 'date')],
        });
        break;
      default: {
        const unhandled: never = action;
        throw new Error(`no button for ${String(unhandled)}`);
      }
    }
  }
  return buttons;
}

/**
 * What an item's owner would do next from its status, for the quick buttons of 我的事项's list
 * (the list does not carry `allowedActions`; the dialog opens only if GET /resolutions/:id allows it).
 */
export function ownerNextActions(status: string): WorkflowAction[] {
  switch (status) {
    case 'assigned':
      return ['accept'];
    case 'in_progress':
      return ['progress', 'request_completion', 'request_extension'];
    default:
      return [];
  }
}
