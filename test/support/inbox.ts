/* eslint-disable @typescript-eslint/no-explicit-any */
import type { DataSource } from 'typeorm';

/** Notifications written so far for one resolution: `kind@personId` strings, sorted. */
export async function noticesOf(db: DataSource, resolutionId: string): Promise<string[]> {
  const rows: { kind: string; person_id: string; level: number | null }[] = await db.query(
    'SELECT kind, person_id, level FROM notifications WHERE resolution_id = $1 ORDER BY kind, person_id, level',
    [resolutionId],
  );
  return rows.map((r) => `${r.kind}${r.level ? `#${r.level}` : ''}@${r.person_id}`).sort();
}

/** Polls until `check` passes or `ms` elapse (real time; for engine tests with offsets of seconds). */
export async function eventually(check: () => Promise<void>, ms = 10_000, every = 100): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      await check();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, every));
    }
  }
  throw last;
}

export const inSeconds = (s: number): string => new Date(Date.now() + s * 1000).toISOString();
