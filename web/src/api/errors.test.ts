import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { ApiError, describeError } from './errors';

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
const t = (key: string, values?: Record<string, unknown>) => (values ? i18n.global.t(key, values) : i18n.global.t(key));

describe('describeError', () => {
  it.each([
    [new ApiError(0, null), '无法连接服务器，请检查网络后重试。'],
    [new TypeError('Failed to fetch'), '无法连接服务器，请检查网络后重试。'],
    [new ApiError(500, { errorId: 'e-42' }), '服务器出错了，请稍后重试。（错误编号 e-42）'],
    [new ApiError(502, null), '服务器出错了，请稍后重试。'],
    [new ApiError(403, { message: 'only a supervisor may verify' }), '您没有权限执行此操作。'],
    [new ApiError(404, { message: 'resolution not found' }), '找不到该内容，或您无权查看。'],
    [new ApiError(409, { code: 'RESOLUTION_STALE_VERSION', message: 'version 3 is stale' }), '该事项已被他人修改，已为您重新加载。'],
    [
      new ApiError(409, { code: 'RESOLUTION_INVALID_TRANSITION', message: 'cannot verify from in_progress' }),
      '当前状态不允许此操作：cannot verify from in_progress',
    ],
    [new ApiError(429, null, 30), '尝试次数过多，请 30 秒后再试。'],
    [new ApiError(401, null), '登录已失效，请重新登录。'],
  ])('%#: says it in Chinese', (error, text) => {
    expect(describeError(error, t)).toBe(text);
  });

  it('says it in English when the person chose English', () => {
    i18n.global.locale.value = 'en';
    try {
      expect(describeError(new ApiError(404, null), t)).toBe('Not found, or you may not see it.');
      expect(describeError(new ApiError(0, null), t)).toBe('Cannot reach the server. Check the network and try again.');
    } finally {
      i18n.global.locale.value = 'zh-CN';
    }
  });
});

describe('ApiError.fields', () => {
  it('maps a 400 to one message per field, the first of each', () => {
    const error = new ApiError(400, {
      details: [
        { field: 'percent', rule: 'max', message: 'percent must not be greater than 100' },
        { field: 'percent', rule: 'isInt', message: 'percent must be an integer' },
        { field: 'note', rule: 'minLength', message: 'note must be longer than or equal to 1 characters' },
        { rule: 'no field' },
      ],
    });
    expect(error.fields).toEqual({
      percent: 'percent must not be greater than 100',
      note: 'note must be longer than or equal to 1 characters',
    });
    expect(describeError(error, t)).toBe('请检查填写的内容。');
  });

  it('has none for other statuses or shapes', () => {
    expect(new ApiError(409, { details: [{ field: 'version', message: 'stale' }] }).fields).toEqual({});
    expect(new ApiError(400, { details: 'oops' }).fields).toEqual({});
    expect(new ApiError(400, null).fields).toEqual({});
  });
});
