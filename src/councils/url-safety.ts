import ipaddr from 'ipaddr.js';

const LOCAL_NAMES = /^(localhost|.*\.localhost|.*\.local|.*\.internal|.*\.localdomain|.*\.home\.arpa)$/i;

/** The only hosts each robot vendor serves its robots from (DESIGN.md, "Delivery"). */
export const VENDOR_HOSTS = {
  dingtalk: ['oapi.dingtalk.com'],
  wecom: ['qyapi.weixin.qq.com'],
  feishu: ['open.feishu.cn', 'open.larksuite.com'],
} as const;

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Whether one IP address is a public unicast address. IPv4-mapped IPv6 is judged as the IPv4 inside it;
 * every other IPv6 form that embeds or translates an IPv4 address (IPv4-compatible `::a.b.c.d`, NAT64
 * 64:ff9b::/96, 6to4, Teredo) is refused outright, since the IPv4 it reaches is not the one it names.
 * IPv6 is public only inside the global unicast block 2000::/3 (the gap that let `[::127.0.0.1]` through).
 */
export function isPublicAddress(text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  let address = ipaddr.parse(text);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) address = v6.toIPv4Address();
    else return v6.range() === 'unicast' && v6.match(GLOBAL_UNICAST_V6);
  }
  return address.range() === 'unicast';
}

/** The URL's host as the WHATWG parser normalised it (decimal, hex and octal IPv4 become dotted quads). */
export function hostOf(url: string): string {
  // A trailing dot names the same host (`localhost.` is localhost).
  return new URL(url).hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
}

/**
 * Whether a URL points at a loopback, private, link-local or otherwise non-public address by its
 * literal host. Names are checked again against their resolved addresses (see `resolvePublic`).
 */
export function pointsAtPrivateAddress(url: string): boolean {
  const host = hostOf(url);
  if (LOCAL_NAMES.test(host)) return true;
  if (!ipaddr.isValid(host)) return false;
  return !isPublicAddress(host);
}

export type OutboundChannelType = keyof typeof VENDOR_HOSTS | 'webhook';

/**
 * The checks a channel URL must pass without asking DNS: http(s), no credentials in the URL, a robot on
 * its vendor's host over https, no literal private address. `allowPrivate` (WEBHOOK_ALLOW_PRIVATE) lets
 * any host and address through, for tests and intranets. Answers why it is refused, or null.
 */
export function urlRefusal(type: OutboundChannelType, url: string, allowPrivate: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must use http or https';
  if (u.username || u.password) return 'must not carry credentials before the host';
  if (allowPrivate) return null;
  if (type !== 'webhook') {
    const hosts: readonly string[] = VENDOR_HOSTS[type];
    if (!hosts.includes(hostOf(url)))
      return `must be on the vendor's host (${hosts.join(' or ')}) (set WEBHOOK_ALLOW_PRIVATE=true to allow)`;
    if (u.protocol !== 'https:') return 'must use https';
    return null;
  }
  if (pointsAtPrivateAddress(url)) return 'points at a private or loopback address (set WEBHOOK_ALLOW_PRIVATE=true to allow)';
  return null;
}

/** Answers every address a name resolves to (A and AAAA). Injected so tests can make names resolve anywhere. */
export type Resolver = (host: string) => Promise<string[]>;

export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public address`);
  }
}

/**
 * Resolves a host and answers the address to connect to — only if EVERY address it resolves to is public
 * (a name with one private answer among public ones could be steered to it). Literal addresses are
 * judged as they are. The caller connects to the answer, never resolves again (no DNS rebinding).
 */
export async function resolvePublic(host: string, resolve: Resolver, allowPrivate: boolean): Promise<string> {
  const addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  if (!allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a));
    if (bad) throw new PrivateAddressError(host, bad);
  }
  return addresses[0];
}

/** Robot URLs carry their credential in the query string or the last path segment: show only scheme, host and path. */
export function maskUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/[^/]{12,}$/, '/…')}${u.search ? '?…' : ''}`;
}
