import { createHash, createHmac } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** The fields an event's hash covers, in a canonical form (keys sorted, instants as ISO text). */
export interface HashedEventContent {
  /** The council whose chain holds the event; null on the directory chain. */
  councilId: string | null;
  seq: string;
  resolutionId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  at: string;
  before: unknown;
  after: unknown;
}

/**
 * How an event's hash is made. 1: SHA-256 of the previous hash and the content (events written
 * before AUDIT_KEY existed; anyone with the database could recompute them). 2: HMAC-SHA256 of the
 * same, keyed with AUDIT_KEY, which is not in the database: every event written now.
 */
export const LEGACY_HASH = 1;
export const KEYED_HASH = 2;
export type HashVersion = typeof LEGACY_HASH | typeof KEYED_HASH;

/** The keyed hash of an event (version 2): HMAC-SHA256 over what version 1 covers. */
export function keyedEventHash(key: string, prevHash: string | null, content: HashedEventContent): string {
  return createHmac('sha256', key)
    .update(prevHash ?? '')
    .update('\n')
    .update(stringify(content) ?? '')
    .digest('hex');
}

/** The hash an event of `version` must carry. */
export function hashOf(version: number, key: string, prevHash: string | null, content: HashedEventContent): string | null {
  if (version === KEYED_HASH) return keyedEventHash(key, prevHash, content);
  if (version === LEGACY_HASH) return eventHash(prevHash, content);
  return null;
}

/** The unkeyed hash of version 1, kept to verify events written before the chains were keyed. */
export function eventHash(prevHash: string | null, content: HashedEventContent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(stringify(content) ?? '')
    .digest('hex');
}

/** Makes a value JSON-plain (Dates → ISO strings) so what is hashed is exactly what jsonb stores. */
export function plain<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The fields that differ between two snapshots, as `{before, after}` restricted to those fields. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b = plain(before) as Record<string, unknown>;
  const a = plain(after) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'version') continue;
    if (stringify(b[k]) !== stringify(a[k])) {
      out.before[k] = b[k] ?? null;
      out.after[k] = a[k] ?? null;
    }
  }
  return out;
}
