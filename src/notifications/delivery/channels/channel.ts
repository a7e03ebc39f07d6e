import type { DeliveryChannel } from '../delivery.entity';
import type { Message } from '../message-templates';
import { OutboundNetworkError, type OutboundResponse } from '../outbound-http';
import { PrivateAddressError } from '../../../councils/url-safety';

/** A person a group message names. */
export interface Mention {
  personId: string;
  name: string;
  mobile: string | null;
  dingtalkUserId: string | null;
  wecomUserId: string | null;
}

export interface SendRequest {
  /** Stable per delivery: the webhook's message id, so a receiver can drop a retry's copy. */
  deliveryId: string;
  message: Message;
  /** Robots and webhooks: the URL and its secret. E-mail: the address and the person's name. */
  destination: { url: string; secret: string | null } | { email: string; name: string };
  mentions: Mention[];
  /** The webhook's `data` (already stripped for a confidential item). */
  webhookData?: unknown;
  /** An iCalendar attachment for deadline kinds (e-mail only). */
  ics?: string | null;
  now: Date;
}

/**
 * What sending answered. `retry` marks what is worth another try (network errors, 5xx, 429, the
 * vendors' rate-limit codes); anything else that is not `ok` is permanent and ends the delivery `failed`.
 */
export interface SendOutcome {
  ok: boolean;
  retry: boolean;
  httpStatus: number | null;
  vendorCode: string | number | null;
  message: string;
  /** The peer said when to come back (429 or 503 with `Retry-After`), already bounded: the next attempt's delay. */
  retryAfterMs?: number;
  /** The receiver answered 410 Gone: it wants nothing more at this URL (Standard Webhooks: disable the endpoint). */
  gone?: boolean;
}

/** A `Retry-After` is honoured within these bounds: at least a second, at most an hour (then the next 429 says more). */
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 3_600_000;
const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * How long a `Retry-After` asks to wait (RFC 9110: delay-seconds or an IMF-fixdate), bounded to
 * [RETRY_AFTER_MIN_MS, RETRY_AFTER_MAX_MS]; null when absent or unreadable (then the usual backoff applies). Pure.
 */
export function retryAfterMs(value: string | null | undefined, now: Date): number | null {
  const v = value?.trim();
  if (!v) return null;
  let ms: number;
  if (/^\d{1,10}$/.test(v)) ms = Number(v) * 1000;
  else if (HTTP_DATE.test(v) && !Number.isNaN(Date.parse(v))) ms = Date.parse(v) - now.getTime();
  else return null;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, ms));
}

/** Every outward channel, e-mail, robots and webhooks alike. */
export interface Channel {
  readonly type: DeliveryChannel;
  send(request: SendRequest): Promise<SendOutcome>;
}

/** Sends with `post` and turns whatever happened into an outcome, judging a 200 by `judge`. Never throws. */
export async function postAndJudge(
  post: () => Promise<OutboundResponse>,
  judge: (answer: OutboundResponse) => SendOutcome,
  now: Date = new Date(),
): Promise<SendOutcome> {
  let answer: OutboundResponse;
  try {
    answer = await post();
  } catch (err) {
    if (err instanceof PrivateAddressError) return { ok: false, retry: false, httpStatus: null, vendorCode: null, message: err.message };
    if (err instanceof OutboundNetworkError) return { ok: false, retry: true, httpStatus: null, vendorCode: null, message: err.message };
    return { ok: false, retry: true, httpStatus: null, vendorCode: null, message: err instanceof Error ? err.message : String(err) };
  }
  const status = answer.status;
  if (status >= 300 && status < 400)
    return { ok: false, retry: false, httpStatus: status, vendorCode: null, message: `answered ${status}; redirects are not followed` };
  if (status === 429 || status >= 500) {
    const wait = status === 429 || status === 503 ? retryAfterMs(answer.retryAfter, now) : null;
    return {
      ok: false,
      retry: true,
      httpStatus: status,
      vendorCode: null,
      message: `answered ${status}${wait === null ? '' : ` (Retry-After ${answer.retryAfter})`}: ${answer.text.slice(0, 200)}`,
      ...(wait === null ? {} : { retryAfterMs: wait }),
    };
  }
  if (status === 410)
    return {
      ok: false,
      retry: false,
      gone: true,
      httpStatus: status,
      vendorCode: null,
      message: `answered 410 Gone: ${answer.text.slice(0, 200)}`,
    };
  if (status >= 400)
    return { ok: false, retry: false, httpStatus: status, vendorCode: null, message: `answered ${status}: ${answer.text.slice(0, 200)}` };
  return judge(answer);
}

/**
 * Judges a robot's HTTP 200 by the error code in its body: 0 is success, `rateLimited` codes are worth
 * another try, and any other code (bad signature, bad token, keyword missing) is permanent.
 */
export function judgeVendorCode(
  answer: OutboundResponse,
  codeField: string,
  messageField: string,
  rateLimited: readonly number[],
): SendOutcome {
  const body = (answer.json ?? {}) as Record<string, unknown>;
  const code = body[codeField] ?? body.StatusCode;
  const text = typeof body[messageField] === 'string' ? body[messageField] : answer.text.slice(0, 200);
  if (typeof code !== 'number')
    return {
      ok: false,
      retry: true,
      httpStatus: answer.status,
      vendorCode: null,
      message: `unreadable answer: ${answer.text.slice(0, 200)}`,
    };
  if (code === 0) return { ok: true, retry: false, httpStatus: answer.status, vendorCode: 0, message: text || 'ok' };
  return { ok: false, retry: rateLimited.includes(code), httpStatus: answer.status, vendorCode: code, message: text };
}

export function robotDestination(request: SendRequest): { url: string; secret: string | null } {
  if (!('url' in request.destination)) throw new Error('a robot needs a URL');
  return request.destination;
}
