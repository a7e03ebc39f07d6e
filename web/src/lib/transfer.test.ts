import { describe, expect, it } from 'vitest';
import { dispositionName } from './transfer';

describe('download names', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    expect(dispositionName(`attachment; filename="bulletin.xlsx"; filename*=UTF-8''${encodeURIComponent('督查通报.xlsx')}`, 'x')).toBe(
      '督查通报.xlsx',
    );
    expect(dispositionName('attachment; filename="follow-up.xlsx"', 'x')).toBe('follow-up.xlsx');
    expect(dispositionName(null, 'fallback.csv')).toBe('fallback.csv');
  });
});
