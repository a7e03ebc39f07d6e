import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { hostOf, PrivateAddressError, resolvePublic, type Resolver } from '../../councils/url-safety';

export interface OutboundOptions {
  /** WEBHOOK_ALLOW_PRIVATE: private and loopback addresses may be reached. */
  allowPrivate: boolean;
  /** Answers the addresses of a name; the system resolver unless a test injects one. */
  resolver?: Resolver;
  /** Connect, headers and body each get this long. */
  timeoutMs?: number;
  /** A larger answer is cut off: a vendor's error page is never worth more. */
  maxResponseBytes?: number;
  /**
   * The whole request (connect, send, answer) is aborted after this long. The sender sets it below the
   * delivery's lease, so an attempt is over before another worker may take the row again.
   */
  deadlineMs?: number;
}

export interface OutboundResponse {
  status: number;
  /** The answer as text (bounded by maxResponseBytes). */
  text: string;
  /** The answer parsed as JSON, or null when it is not JSON (an HTML error page, say). */
  json: unknown;
  /** The `Retry-After` header as sent (seconds or an HTTP date), or null. */
  retryAfter: string | null;
}

/** The peer was not reached or did not answer in time: worth another try. */
export class OutboundNetworkError extends Error {}

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses: LookupAddress[]) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );

/**
 * The one HTTP client for robots and webhooks. Each new connection resolves its host through
 * `resolvePublic` inside the socket's own lookup, so the address that was checked is the address that is
 * connected to (no window for DNS rebinding); literal addresses are checked before the request. Redirects
 * are never followed (undici's `request` does not follow them; a 3xx is reported as a failure), and
 * connect, headers, body and answer size are all bounded.
 */
export class OutboundHttp {
  private readonly agent: Agent;
  private readonly resolver: Resolver;

  constructor(private readonly options: OutboundOptions) {
    this.resolver = options.resolver ?? systemResolver;
    const timeout = options.timeoutMs ?? 10_000;
    this.agent = new Agent({
      connect: { timeout, lookup: this.pinnedLookup.bind(this) },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      maxResponseSize: options.maxResponseBytes ?? 64 * 1024,
      connections: 16,
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<OutboundResponse> {
    const host = hostOf(url);
    // net.connect skips `lookup` for a literal address: judge it here instead.
    if (isIP(host)) await resolvePublic(host, this.resolver, this.options.allowPrivate);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const answer = await request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'duban-delivery/1', ...headers },
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.deadlineMs ?? 30_000),
      });
      status = answer.statusCode;
      const header = answer.headers['retry-after'];
      retryAfter = (Array.isArray(header) ? header[0] : header) ?? null;
      text = await answer.body.text();
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (err instanceof PrivateAddressError) throw err;
      if (cause instanceof PrivateAddressError) throw cause;
      throw new OutboundNetworkError(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
    return { status, text, json: parseJson(text), retryAfter };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private pinnedLookup(
    hostname: string,
    opts: { all?: boolean },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void {
    resolvePublic(hostname, this.resolver, this.options.allowPrivate).then(
      (address) => {
        const family = isIP(address);
        if (opts.all) callback(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (err: Error) => callback(err, ''),
    );
  }
}

function parseJson(text: string): unknown {
  // Most answers are empty (204) or plainly not JSON: no exception for those (throwing costs more than the send).
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
