import { PrivateAddressError } from '../../../councils/url-safety';
import { OutboundNetworkError, type OutboundResponse } from '../outbound-http';
import { judgeVendorCode, postAndJudge, retryAfterMs, RETRY_AFTER_MAX_MS, RETRY_AFTER_MIN_MS } from './channel';

const answer = (status: number, body: unknown, retryAfter: string | null = null): OutboundResponse => ({
  status,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  json: typeof body === 'string' ? null : body,
  retryAfter,
});

describe('judgeVendorCode: robots answer HTTP 200 with an error code in the body', () => {
  it.each([
    ['DingTalk ok', 'errcode', 'errmsg', [130101], { errcode: 0, errmsg: 'ok' }, { ok: true, retry: false, vendorCode: 0 }],
    [
      'DingTalk send too fast',
      'errcode',
      'errmsg',
      [130101],
      { errcode: 130101, errmsg: 'send too fast' },
      { ok: false, retry: true, vendorCode: 130101 },
    ],
    [
      'DingTalk bad signature',
      'errcode',
      'errmsg',
      [130101],
      { errcode: 310000, errmsg: 'sign not match' },
      { ok: false, retry: false, vendorCode: 310000, message: 'sign not match' },
    ],
    [
      'DingTalk unknown token',
      'errcode',
      'errmsg',
      [130101],
      { errcode: 300005, errmsg: 'token is not exist' },
      { ok: false, retry: false, vendorCode: 300005 },
    ],
    [
      'WeCom frequency limit',
      'errcode',
      'errmsg',
      [45009, -1],
      { errcode: 45009, errmsg: 'api freq out of limit' },
      { ok: false, retry: true },
    ],
    [
      'WeCom invalid webhook URL',
      'errcode',
      'errmsg',
      [45009, -1],
      { errcode: 93000, errmsg: 'invalid webhook url' },
      { ok: false, retry: false },
    ],
    ['Feishu ok', 'code', 'msg', [11232, 9499], { code: 0, msg: 'success' }, { ok: true }],
    ['Feishu old-style ok', 'code', 'msg', [11232, 9499], { StatusCode: 0, StatusMessage: 'success' }, { ok: true }],
    ['Feishu rate limited', 'code', 'msg', [11232, 9499], { code: 11232, msg: 'frequency limited' }, { ok: false, retry: true }],
    [
      'Feishu bad signature',
      'code',
      'msg',
      [11232, 9499],
      { code: 19021, msg: 'sign match fail' },
      { ok: false, retry: false, vendorCode: 19021 },
    ],
    ['Feishu keyword missing', 'code', 'msg', [11232, 9499], { code: 19024, msg: 'Key Words Not Found' }, { ok: false, retry: false }],
    ['an answer that is not JSON', 'errcode', 'errmsg', [], '<html>maintenance</html>', { ok: false, retry: true, vendorCode: null }],
  ] as const)('%s', (_name, codeField, messageField, limited, body, expected) => {
    expect(judgeVendorCode(answer(200, body), codeField, messageField, limited)).toMatchObject(expected);
  });
});

describe('postAndJudge: HTTP status and network outcomes before the body is read', () => {
  const judge = () => ({ ok: true, retry: false, httpStatus: 200, vendorCode: 0, message: 'ok' });
  it.each([
    ['500 is retried', answer(500, 'oops'), { ok: false, retry: true, httpStatus: 500 }],
    ['503 is retried', answer(503, 'busy'), { ok: false, retry: true, httpStatus: 503 }],
    ['429 is retried', answer(429, 'slow'), { ok: false, retry: true, httpStatus: 429 }],
    ['404 is permanent', answer(404, 'no'), { ok: false, retry: false, httpStatus: 404 }],
    ['410 is permanent', answer(410, 'gone'), { ok: false, retry: false, httpStatus: 410 }],
    ['302 is permanent (redirects are not followed)', answer(302, ''), { ok: false, retry: false, httpStatus: 302 }],
    ['200 is judged by the body', answer(200, {}), { ok: true }],
  ])('%s', async (_name, response, expected) => {
    expect(await postAndJudge(() => Promise.resolve(response), judge)).toMatchObject(expected);
  });

  it('retries a network error and never throws', async () => {
    const outcome = await postAndJudge(() => Promise.reject(new OutboundNetworkError('ECONNRESET')), judge);
    expect(outcome).toMatchObject({ ok: false, retry: true, httpStatus: null, message: 'ECONNRESET' });
  });

  it('does not retry a name that resolves to a private address', async () => {
    const outcome = await postAndJudge(() => Promise.reject(new PrivateAddressError('hook.example', '10.0.0.1')), judge);
    expect(outcome).toMatchObject({ ok: false, retry: false });
    expect(outcome.message).toContain('10.0.0.1');
  });
});

describe('Retry-After: seconds or an HTTP date, bounded', () => {
  const now = new Date('2026-11-29T03:00:00Z');
  it.each([
    ['seconds', '120', 120_000],
    ['zero seconds → the floor', '0', RETRY_AFTER_MIN_MS],
    ['a day of seconds → the ceiling', '86400', RETRY_AFTER_MAX_MS],
    ['an HTTP date 90 s ahead', 'Sun, 29 Nov 2026 03:01:30 GMT', 90_000],
    ['an HTTP date in the past → the floor', 'Sun, 29 Nov 2026 02:00:00 GMT', RETRY_AFTER_MIN_MS],
    ['an HTTP date next year → the ceiling', 'Mon, 29 Nov 2027 03:00:00 GMT', RETRY_AFTER_MAX_MS],
    ['padded', '  7 ', 7_000],
  ])('%s', (_label, value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });

  it.each([null, '', 'soon', '-5', '1.5', '99999999999', 'Sun, 29 Nov 2026 03:01:30 CET', 'Sun, 99 Foo 2026 03:01:30 GMT'])(
    'unreadable %p → null (the usual backoff)',
    (value) => {
      expect(retryAfterMs(value, now)).toBeNull();
    },
  );

  it('429 and 503 carry the bounded wait; other 5xx and a missing header do not', async () => {
    const judge = () => ({ ok: true, retry: false, httpStatus: 200, vendorCode: null, message: 'ok' });
    await expect(postAndJudge(async () => answer(429, 'slow', '30'), judge, now)).resolves.toMatchObject({
      retry: true,
      retryAfterMs: 30_000,
    });
    await expect(postAndJudge(async () => answer(503, 'busy', 'Sun, 29 Nov 2026 03:00:10 GMT'), judge, now)).resolves.toMatchObject({
      retry: true,
      retryAfterMs: 10_000,
    });
    expect(await postAndJudge(async () => answer(500, 'oops', '30'), judge, now)).not.toHaveProperty('retryAfterMs');
    expect(await postAndJudge(async () => answer(429, 'slow'), judge, now)).not.toHaveProperty('retryAfterMs');
  });

  it('410 is permanent and marked gone', async () => {
    const judge = () => ({ ok: true, retry: false, httpStatus: 200, vendorCode: null, message: 'ok' });
    await expect(postAndJudge(async () => answer(410, 'bye'), judge, now)).resolves.toMatchObject({
      ok: false,
      retry: false,
      gone: true,
      httpStatus: 410,
    });
  });
});
