import { isIP } from 'node:net';

/** Words that mark a value as an example rather than a secret someone generated. */
const PLACEHOLDER =
  /change[-_ ]?me|changeme|placeholder|example|replace[-_ ]?this|your[-_ ]|secret|password|duban|admin|12345|qwerty|default/i;

/** Shortest JWT_SECRET / AUDIT_KEY accepted outside development: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_KEY_LENGTH = 32;
/** Shortest ADMIN_PASSWORD accepted outside development. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/**
 * Why a secret given outside development is refused, or null when it will do: too short, a
 * placeholder (the words example values are made of), or too few distinct characters (`aaaa…`,
 * `abababab…`). A key must be long; the first admin's password must be long enough to resist guessing.
 */
export function secretProblem(value: string, kind: 'key' | 'password'): string | null {
  const min = kind === 'key' ? MIN_KEY_LENGTH : MIN_ADMIN_PASSWORD_LENGTH;
  if ([...value].length < min) return `is too weak: at least ${min} characters are needed outside development`;
  if (PLACEHOLDER.test(value))
    return 'is a placeholder (it contains a word like change-me, secret, example or password): generate a random one';
  const distinct = new Set(value).size;
  if (distinct < (kind === 'key' ? 12 : 6)) return `is too weak: only ${distinct} different characters`;
  return null;
}

/** What Fastify's `trustProxy` is given: false (trust none), a hop count, or the proxies' addresses / CIDRs. */
export type TrustProxy = false | number | string[];

/**
 * Reads TRUST_PROXY: `false` / empty (the default: X-Forwarded-For is ignored, the client address is
 * the socket's), a hop count (`1`: the nearest proxy), or a comma-separated list of proxy addresses
 * and CIDR ranges. `true` is refused: it would believe any X-Forwarded-For a client sends. Answers
 * the value, or the problem as a string.
 */
export function parseTrustProxy(text: string): TrustProxy | string {
  const v = text.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return "true would trust any client's X-Forwarded-For: give a hop count (e.g. 1) or the proxies' addresses";
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? hops : 'a hop count must be 0..10';
  }
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !bitsOk || extra !== undefined) return `"${entry}" is neither an IP address nor a CIDR range`;
  }
  return entries;
}
