import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { dingtalkSign, feishuSign, standardWebhookHeaders } from './signers';

describe('robot signers', () => {
  // The vendors' published vectors (shared/NOTES.md, "Chat robots").
  it('signs DingTalk at 1700000000000 as the vendor documents', () => {
    expect(dingtalkSign('this is secret', 1700000000000)).toBe('sSFWELbV2YwjdDQhWZwTcWlX5BWUx5J6TPpsZmuPii0%3D');
  });

  it('signs Feishu at 1700000000 as the vendor documents', () => {
    expect(feishuSign('this is secret', 1700000000)).toBe('OfGzRzoUICBOoc8wVra1e4A1hPfbZ9zqXozA8CWVUuY=');
  });

  it('gives a different DingTalk signature for another instant and another secret', () => {
    const base = dingtalkSign('this is secret', 1700000000000);
    expect(dingtalkSign('this is secret', 1700000000001)).not.toBe(base);
    expect(dingtalkSign('another secret', 1700000000000)).not.toBe(base);
  });

  it('does not confuse the two vendors (the key and message roles are reversed)', () => {
    const dingtalkAsSeconds = decodeURIComponent(dingtalkSign('this is secret', 1700000000));
    expect(dingtalkAsSeconds).not.toBe(feishuSign('this is secret', 1700000000));
  });
});

describe('standardWebhookHeaders', () => {
  const secret = `whsec_${Buffer.from('a webhook secret of 32 bytes....').toString('base64')}`;
  const body = JSON.stringify({ type: 'notification.created', data: { notification: { id: 'n1' } } });

  it('is accepted by the standardwebhooks verifier', () => {
    const headers = standardWebhookHeaders(secret, 'msg_1', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('matches HMAC-SHA256 over id.timestamp.body computed by hand', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const headers = standardWebhookHeaders(secret, 'msg_2', at, body);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`msg_2.${headers['webhook-timestamp']}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('is refused by the verifier when the body was changed', () => {
    const headers = standardWebhookHeaders(secret, 'msg_3', new Date(), body);
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
  });

  it('signs with a secret that lacks the whsec_ prefix, as raw bytes', () => {
    const headers = standardWebhookHeaders('plain secret', 'msg_4', new Date(), body);
    expect(new Webhook(Buffer.from('plain secret'), { format: 'raw' }).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });
});
