import { describe, expect, it } from 'vitest';
import type { ExtensionRequest, WorkflowAction } from '../api/types';
import zhCN from '../i18n/zh-CN';
import { actionButtons } from './actions';

const pending: ExtensionRequest = { id: 'e1', resolutionId: 'r1', requestedDueAt: '2026-12-31', reason: 'x', status: 'pending' };

describe('actionButtons', () => {
  it('gives a cadre with an item in progress its three buttons, next step first', () => {
    const buttons = actionButtons(['request_completion', 'progress', 'request_extension']);
    expect(buttons.map((b) => b.id)).toEqual(['progress', 'request_completion', 'request_extension']);
    expect(buttons.map((b) => b.path)).toEqual(['progress', 'completion-request', 'extension-requests']);
  });

  it('asks for what each endpoint requires', () => {
    const [progress] = actionButtons(['progress']);
    expect(progress.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['percent', 'note']);
    const [extension] = actionButtons(['request_extension']);
    expect(extension.fields.map((f) => f.name)).toEqual(['requestedDueAt', 'reason']);
    expect(actionButtons(['return'])[0].fields).toEqual([{ name: 'reason', kind: 'textarea', required: true }]);
  });

  it('turns decide_extension into approve and reject of the pending request, or nothing without one', () => {
    expect(actionButtons(['decide_extension'])).toEqual([]);
    const decided = actionButtons(['decide_extension'], [{ ...pending, id: 'old', status: 'rejected' }, pending]);
    expect(decided.map((b) => [b.id, b.path])).toEqual([
      ['approve_extension', 'extension-requests/e1/approve'],
      ['reject_extension', 'extension-requests/e1/reject'],
    ]);
  });

  it('sends the version with every action on the item (the API answers 409 to a stale one), not with a split', () => {
    const all = actionButtons([
      'assign',
      'accept',
      'progress',
      'request_extension',
      'request_completion',
      'verify',
      'return',
      'cancel',
      'urge',
      'check',
      'add_child',
    ]);
    expect(all.filter((b) => !b.versioned).map((b) => b.id)).toEqual(['add_child']);
    expect(
      actionButtons(['check'])[0]
        .fields.filter((f) => f.required)
        .map((f) => f.name),
    ).toEqual(['checkedAt', 'method', 'inspectorIds', 'findings', 'rating']);
  });

  it('shows nothing the API did not allow', () => {
    expect(actionButtons([])).toEqual([]);
    expect(actionButtons(['verify', 'return']).map((b) => b.id)).toEqual(['verify', 'return']);
  });

  it('has a label in the message files for every action, and puts cancel last', () => {
    const all: WorkflowAction[] = [
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
    ];
    const buttons = actionButtons(all, [pending]);
    expect(buttons).toHaveLength(all.length + 1);
    for (const b of buttons) expect(zhCN.action[b.label.replace('action.', '') as keyof typeof zhCN.action]).toBeTruthy();
    expect(buttons.at(-1)?.id).toBe('cancel');
    expect(new Set(buttons.map((b) => b.id)).size).toBe(buttons.length);
  });
});
