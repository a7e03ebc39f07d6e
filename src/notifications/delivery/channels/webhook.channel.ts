import { standardWebhookHeaders } from '../signers';
import type { OutboundHttp } from '../outbound-http';
import { postAndJudge, robotDestination, type Channel, type SendOutcome, type SendRequest } from './channel';

/** Generic webhooks, signed the Standard Webhooks way; any 2xx is success. */
export class WebhookChannel implements Channel {
  readonly type = 'webhook' as const;
  constructor(private readonly http: OutboundHttp) {}

  send(request: SendRequest): Promise<SendOutcome> {
    const { url, secret } = robotDestination(request);
    const body = JSON.stringify({ type: 'notification.created', timestamp: request.now.toISOString(), data: request.webhookData ?? {} });
    const headers: Record<string, string> = secret
      ? { ...standardWebhookHeaders(secret, `msg_${request.deliveryId}`, request.now, body) }
      : {};
    return postAndJudge(
      () => this.http.post(url, body, headers),
      (answer) => ({ ok: true, retry: false, httpStatus: answer.status, vendorCode: null, message: 'ok' }),
      request.now,
    );
  }
}
