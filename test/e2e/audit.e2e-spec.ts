/* eslint-disable @typescript-eslint/no-explicit-any */
// The audit trail: events are append-only (a trigger refuses UPDATE and DELETE) and hash-chained per
// council; GET /councils/:id/audit/verify recomputes the chain and names the first broken link.
// Tampering here goes straight to the database, as an intruder with SQL access would.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

describe('audit: hash chain per council, verify names the first broken link', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    await t.close();
  });

  const verify = async (w: World) => ok(w.as.supervisor.get(`/councils/${w.councilId}/audit/verify`), 200);
  const eventCount = async (councilId: string): Promise<number> =>
    (await t.db.query('SELECT count(*)::int AS n FROM events WHERE council_id = $1', [councilId]))[0].n;

  /** Runs `tamper` with the append-only trigger switched off, and always switches it back on. */
  async function withTriggerOff(tamper: () => Promise<unknown>): Promise<void> {
    await t.db.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    try {
      await tamper();
    } finally {
      await t.db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    }
  }

  /** A council with a few resolutions, so its chain has events before and after the one we alter. */
  async function councilWithHistory(): Promise<{ w: World; target: any; otherResolutionId: string }> {
    const w = await buildWorld(t);
    const first = await resolutionIn(w, 'in_progress');
    const other = await resolutionIn(w, 'closed');
    const [target] = await t.db.query("SELECT * FROM events WHERE resolution_id = $1 AND action = 'resolution.assign'", [first.id]);
    return { w, target, otherResolutionId: other.id };
  }

  it('an untouched chain verifies, every event of the council checked', async () => {
    const { w } = await councilWithHistory();
    const verdict = await verify(w);
    expect(verdict).toEqual({ ok: true, checked: await eventCount(w.councilId) });
    expect(verdict.checked).toBeGreaterThan(8);
  });

  it('one event altered in the database: ok false, firstBrokenEventId is that event', async () => {
    const { w, target } = await councilWithHistory();
    await withTriggerOff(() =>
      t.db.query(`UPDATE events SET after = jsonb_set(after, '{dueAt}', '"2099-12-31T15:59:59.999Z"') WHERE id = $1`, [target.id]),
    );
    const verdict = await verify(w);
    expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: target.id, firstBrokenSeq: String(target.seq) });
    expect(verdict.checked).toBe(Number(target.seq) - 1);
  });

  it('each hashed field counts: altering any one breaks the link at that event, restoring it mends the chain', async () => {
    const { w, target, otherResolutionId } = await councilWithHistory();
    const alterations: [string, string, unknown[]][] = [
      ['action', 'action = $2', ['resolution.cancel']],
      ['actor', 'actor_id = $2', [w.ids.outsider]],
      ['time', "at = at - interval '1 day'", []],
      ['before', `before = '{"status": "cancelled"}'::jsonb`, []],
      ['after', `after = after - 'ownerId'`, []],
      // Another real resolution: the foreign key refuses an id that refers to nothing.
      ['resolution', 'resolution_id = $2', [otherResolutionId]],
      ['entity', 'entity_id = $2', [randomUUID()]],
      ['hash', "hash = repeat('0', 64)", []],
      ['link to the previous event', "prev_hash = repeat('f', 64)", []],
    ];
    for (const [what, set, params] of alterations) {
      await withTriggerOff(() => t.db.query(`UPDATE events SET ${set} WHERE id = $1`, [target.id, ...params]));
      expect({ what, verdict: await verify(w) }).toMatchObject({ what, verdict: { ok: false, firstBrokenEventId: target.id } });
      await withTriggerOff(() =>
        t.db.query(
          `UPDATE events SET action = $2, actor_id = $3, at = $4, before = $5::jsonb, after = $6::jsonb, resolution_id = $7, entity_id = $8, hash = $9, prev_hash = $10 WHERE id = $1`,
          [
            target.id,
            target.action,
            target.actor_id,
            target.at,
            JSON.stringify(target.before),
            JSON.stringify(target.after),
            target.resolution_id,
            target.entity_id,
            target.hash,
            target.prev_hash,
          ],
        ),
      );
      expect({ what, verdict: await verify(w) }).toMatchObject({ what, verdict: { ok: true } });
    }
  });

  it('deleting the last event is caught and the missing position named', async () => {
    const { w } = await councilWithHistory();
    const [last] = await t.db.query('SELECT id, seq::text AS position FROM events WHERE council_id = $1 ORDER BY seq DESC LIMIT 1', [
      w.councilId,
    ]);
    await withTriggerOff(() => t.db.query('DELETE FROM events WHERE id = $1', [last.id]));
    const verdict = await verify(w);
    expect(verdict).toMatchObject({ ok: false, checked: Number(last.position) - 1, firstBrokenSeq: last.position });
    expect(verdict.firstBrokenEventId).toBeUndefined();
  });

  it('a head moved back by one (as if the newest event had been appended past it) is named at that event', async () => {
    const { w } = await councilWithHistory();
    const [last, previous]: { position: string; hash: string }[] = await t.db.query(
      'SELECT seq::text AS position, hash FROM events WHERE council_id = $1 ORDER BY seq DESC LIMIT 2',
      [w.councilId],
    );
    const moveHead = (to: { position: string; hash: string }) =>
      t.db.query('UPDATE councils SET event_seq = $2, event_head_hash = $3 WHERE id = $1', [w.councilId, to.position, to.hash]);
    await moveHead(previous);
    try {
      expect(await verify(w)).toMatchObject({ ok: false, checked: Number(last.position) - 1, firstBrokenSeq: last.position });
    } finally {
      // Put it back: the next event of this council (a reminder carried out by a later test's engine,
      // which takes every due row of the database) would otherwise reuse the position and fail.
      await moveHead(last);
    }
  });

  it('deleting an event in the middle breaks the link at the next one', async () => {
    const { w, target } = await councilWithHistory();
    const [next] = await t.db.query('SELECT id FROM events WHERE council_id = $1 AND seq = $2', [w.councilId, Number(target.seq) + 1]);
    await withTriggerOff(() => t.db.query('DELETE FROM events WHERE id = $1', [target.id]));
    expect(await verify(w)).toMatchObject({ ok: false, firstBrokenEventId: next.id });
  });

  it('tampering with one council does not break another council’s chain', async () => {
    const a = await councilWithHistory();
    const b = await councilWithHistory();
    await withTriggerOff(() => t.db.query("UPDATE events SET action = 'resolution.cancel' WHERE id = $1", [a.target.id]));
    expect((await verify(a.w)).ok).toBe(false);
    expect((await verify(b.w)).ok).toBe(true);
  });

  it('with the trigger on, UPDATE and DELETE of an event are refused by the database', async () => {
    const { w, target } = await councilWithHistory();
    // A plain client, so the refusals do not fill the output with the app's query-error log.
    const intruder = new Client({ connectionString: process.env.DATABASE_URL });
    await intruder.connect();
    try {
      await expect(intruder.query("UPDATE events SET action = 'resolution.cancel' WHERE id = $1", [target.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(intruder.query('DELETE FROM events WHERE id = $1', [target.id])).rejects.toThrow(/append-only/);
    } finally {
      await intruder.end();
    }
    const [row] = await t.db.query('SELECT action FROM events WHERE id = $1', [target.id]);
    expect(row.action).toBe('resolution.assign');
    expect((await verify(w)).ok).toBe(true);
    const [trigger] = await t.db.query("SELECT tgenabled FROM pg_trigger WHERE tgname = 'events_append_only'");
    expect(trigger.tgenabled).toBe('O');
  });

  it('the chain keeps growing after a verify and still verifies', async () => {
    const { w } = await councilWithHistory();
    const first = await verify(w);
    await resolutionIn(w, 'completion_requested');
    const second = await verify(w);
    expect(second.ok).toBe(true);
    expect(second.checked).toBeGreaterThan(first.checked);
  });

  it('the chair, supervisors and the admin may verify; other members 403; the outsider and unknown councils 404', async () => {
    const w = await buildWorld(t);
    const path = `/councils/${w.councilId}/audit/verify`;
    expect((await w.as.chair.get(path)).status).toBe(200);
    expect((await w.as.supervisor.get(path)).status).toBe(200);
    expect((await t.admin.get(path)).status).toBe(200);
    for (const key of ['secretary', 'owner', 'leadMember', 'leadLeader', 'coHandler', 'coLeader'] as const) {
      expect({ key, status: (await w.as[key].get(path)).status }).toEqual({ key, status: 403 });
    }
    expect((await w.as.outsider.get(path)).status).toBe(404);
    expect((await t.admin.get(`/councils/${randomUUID()}/audit/verify`)).status).toBe(404);
    expect((await t.anonymous.get(path)).status).toBe(401);
  });
});
