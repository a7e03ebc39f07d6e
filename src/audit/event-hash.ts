import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

/** The fields an event's hash covers, in a canonical form (keys sorted, instants as ISO text). */
export interface HashedEventContent {
  councilId: string;
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
