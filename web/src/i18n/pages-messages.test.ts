import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

function leaves(tree: unknown): unknown[] {
  return typeof tree === 'object' && tree !== null ? Object.values(tree).flatMap(leaves) : [tree];
}

describe('messages of the secretary, supervision and administration pages', () => {
  it('leave no word empty in either language', () => {
    for (const area of ['meetings', 'bulletins', 'assessment', 'followUp', 'admin'] as const) {
      expect(leaves(zhCN[area]).filter((v) => typeof v !== 'string' || v === '')).toEqual([]);
      expect(leaves(en[area]).filter((v) => typeof v !== 'string' || v === '')).toEqual([]);
    }
  });

  it('name the buttons with the words people are told to look for', () => {
    expect(zhCN.admin.channels.test).toBe('发送测试消息');
    expect(en.admin.channels.test).toBe('Send test message');
    expect(zhCN.nav).toMatchObject({ bulletins: '督查通报', assessment: '考核', followUp: '会前汇总' });
  });
});
