import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * DingTalk robot signature: HMAC-SHA256 keyed by the secret over `${timestampMs}\n${secret}`, Base64,
 * then URL-encoded (it travels in the query string). The vendor refuses timestamps more than an hour old.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  return encodeURIComponent(digest);
}

/**
 * Feishu robot signature: the roles are the reverse of DingTalk's — the key is `${timestampSeconds}\n${secret}`
 * and the message is empty. Base64, not URL-encoded (it travels in the JSON body).
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one body. The message id is stable per delivery so a receiver can
 * drop the copy a retry brings. The secret is `whsec_<base64>`; a secret without the prefix is used as
 * raw bytes, so any string an operator chose still signs.
 */
export function standardWebhookHeaders(secret: string, messageId: string, at: Date, body: string): StandardWebhookHeaders {
  const webhook = secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' });
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': webhook.sign(messageId, at, body),
  };
}
