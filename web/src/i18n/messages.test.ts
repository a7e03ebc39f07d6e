import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(tree: unknown): unknown[] {
  return typeof tree === 'object' && tree !== null ? Object.values(tree).flatMap(leaves) : [tree];
}

describe('message files', () => {
  it('have the same keys in Chinese and English', () => {
    const zh = keys(zhCN).sort();
    const english = keys(en).sort();
    expect(english.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !english.includes(k))).toEqual([]);
  });

  it('are all text, and the pages built here leave none empty', () => {
    expect(leaves(zhCN).every((v) => typeof v === 'string')).toBe(true);
    const built = ['login', 'board', 'resolutions', 'my', 'inbox', 'nav', 'action', 'status', 'light', 'error', 'common'] as const;
    for (const area of built) {
      expect(leaves(zhCN[area]).filter((v) => v === '')).toEqual([]);
      expect(leaves(en[area]).filter((v) => v === '')).toEqual([]);
    }
  });

  it('use the words of DESIGN.md for buttons and statuses', () => {
    expect(zhCN.action).toMatchObject({
      accept: '签收',
      progress: '报送进展',
      request_extension: '申请延期',
      request_completion: '申请销号',
      verify: '审核销号',
      return: '退回重办',
      urge: '催办',
    });
    expect(en.action).toMatchObject({
      accept: 'Accept',
      progress: 'Report progress',
      request_completion: 'Request sign-off',
      verify: 'Sign off',
      return: 'Send back',
    });
    expect(zhCN.status).toEqual({
      registered: '待交办',
      assigned: '待签收',
      in_progress: '办理中',
      completion_requested: '待审核销号',
      closed: '已销号',
      cancelled: '已撤销',
    });
    expect(zhCN.nav).toMatchObject({
      board: '督办看板',
      my: '我的事项',
      bulletins: '督查通报',
      assessment: '考核',
      followUp: '会前汇总',
      inbox: '消息',
    });
    expect(zhCN.login).toMatchObject({ title: '登录', username: '用户名', password: '密码' });
  });

  it('contain no characters vue-i18n would read as syntax by accident', () => {
    // `|` separates plural forms and `@` starts a linked message.
    expect([...leaves(zhCN), ...leaves(en)].filter((v) => /[|@]/.test(String(v)))).toEqual([]);
  });
});
