/* eslint-disable @typescript-eslint/no-explicit-any */
// Issue 10 (audit complete and keyed): directory and administration changes are events on the
// directory chain; chains are HMACs keyed with AUDIT_KEY, so an intruder who rewrites events and
// recomputes their hashes with database access alone is caught; chains written before the key are
// sealed at start and still verify; TRUNCATE is refused like UPDATE and DELETE.
import { createHmac } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { eventHash, type HashedEventContent } from '../../src/audit/event-hash';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

describe('security: audit keyed and complete', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A database of its own: these tests rewrite whole chains, the directory's included.
    t = await startTestApp({ ownDatabase: true });
  });
  afterAll(async () => {
    await t.db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    await t.close();
  });

  const directoryVerify = () => ok(t.admin.get('/audit/directory/verify'), 200);
  const councilVerify = (w: World) => ok(w.as.supervisor.get(`/councils/${w.councilId}/audit/verify`), 200);

  const contentOf = (e: any): HashedEventContent => ({
    councilId: e.council_id,
    seq: String(e.seq),
    resolutionId: e.resolution_id,
    entityType: e.entity_type,
    entityId: e.entity_id,
    action: e.action,
    actorId: e.actor_id,
    at: new Date(e.at).toISOString(),
    before: e.before,
    after: e.after,
  });

  /**
   * What an intruder with SQL access alone can do: change one event, then recompute the hash of it
   * and of every later event (with `hash`, which cannot be the real keyed one) and move the head.
   */
  async function rewriteChain(
    councilId: string | null,
    change: (e: any) => void,
    hash: (prev: string | null, c: HashedEventContent) => string,
    version: number,
  ) {
    const rows: any[] = await t.db.query('SELECT * FROM events WHERE council_id IS NOT DISTINCT FROM $1 ORDER BY seq', [councilId]);
    await t.db.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    try {
      let prev: string | null = null;
      for (const [i, e] of rows.entries()) {
        if (i === Math.floor(rows.length / 2)) change(e);
        const h = hash(prev, contentOf(e));
        await t.db.query('UPDATE events SET after = $2::jsonb, prev_hash = $3, hash = $4, hash_version = $5 WHERE id = $1', [
          e.id,
          JSON.stringify(e.after),
          prev,
          h,
          version,
        ]);
        prev = h;
      }
      if (councilId) await t.db.query('UPDATE councils SET event_head_hash = $2 WHERE id = $1', [councilId, prev]);
      else await t.db.query(`UPDATE audit_chains SET event_head_hash = $1 WHERE name = 'directory'`, [prev]);
    } finally {
      await t.db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    }
    return rows;
  }

  it('directory and administration changes are events on the directory chain, without secrets', async () => {
    const w = await buildWorld(t);
    const person = w.ids.leadMember;
    await ok(t.admin.patch(`/people/${person}`, { title: '科长' }), 200);
    await ok(t.admin.patch(`/people/${person}`, { isAdmin: true }), 200);
    await ok(t.admin.patch(`/people/${person}`, { isAdmin: false }), 200);
    await ok(t.admin.patch(`/people/${person}`, { password: 'a-brand-new-password-9' }), 200);
    await ok(t.admin.post(`/people/${person}/disable`), 200);
    await ok(t.admin.post(`/people/${person}/enable`), 200);
    await ok(w.as.owner.post(`/people/${w.ids.owner}/calendar-token`), 200);
    await ok(t.admin.patch(`/organizations/${w.orgs.unrelated}`, { name: `改名 ${w.orgs.unrelated.slice(0, 8)}` }), 200);
    await ok(t.admin.put('/calendars/cn/days/2026-10-10', { isWorkday: true, name: '调休' }), 200);

    const events: any[] = await t.db.query(
      'SELECT entity_type, entity_id, action, actor_id, before, after, hash_version FROM events WHERE council_id IS NULL ORDER BY seq',
    );
    const about = (id: string) => events.filter((e) => e.entity_id === id).map((e) => e.action);
    expect(about(person)).toEqual([
      'person.created',
      'person.updated',
      'person.admin_granted',
      'person.admin_revoked',
      'person.password_reset',
      'person.disabled',
      'person.enabled',
    ]);
    expect(about(w.ids.owner)).toEqual(['person.created', 'person.calendar_token_rotated']);
    expect(about(w.orgs.lead)).toEqual(['organization.created', 'organization.updated']);
    expect(about(w.orgs.unrelated)).toEqual(['organization.created', 'organization.updated']);
    const adminId = (await ok(t.admin.get('/auth/me'), 200)).id;
    const updated = events.find((e) => e.entity_id === person && e.action === 'person.updated');
    expect(updated).toMatchObject({ actor_id: adminId, before: { title: null }, after: { title: '科长' }, hash_version: 2 });
    expect(events.find((e) => e.action === 'calendar.overridden')).toMatchObject({
      actor_id: adminId,
      after: { date: '2026-10-10', isWorkday: true, name: '调休' },
    });
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/argon2|passwordHash|password_hash|calendarToken|a-brand-new-password/);

    expect(await directoryVerify()).toEqual({ ok: true, checked: events.length });
    expect((await w.as.supervisor.get('/audit/directory/verify')).status).toBe(403);
  });

  it('an event rewritten with every hash recomputed without the key is detected, on a council and on the directory', async () => {
    const w = await buildWorld(t);
    await resolutionIn(w, 'closed');
    expect((await councilVerify(w)).ok).toBe(true);
    const guessedKey = 'a-key-the-intruder-does-not-have-0123456789';
    const keyless = [
      ['unkeyed SHA-256', (prev: string | null, c: HashedEventContent) => eventHash(prev, c), 2],
      [
        'HMAC with a guessed key',
        (prev: string | null, c: HashedEventContent) =>
          createHmac('sha256', guessedKey)
            .update(prev ?? '')
            .update('\n')
            .update(JSON.stringify(c))
            .digest('hex'),
        2,
      ],
      // Claiming the events were written before the key existed does not help either.
      ['everything relabelled as unkeyed', (prev: string | null, c: HashedEventContent) => eventHash(prev, c), 1],
    ] as const;
    for (const [label, hash, version] of keyless) {
      const rows = await rewriteChain(w.councilId, (e) => (e.after = { ...e.after, forged: label }), hash, version);
      const verdict = await councilVerify(w);
      expect({ label, verdict }).toMatchObject({ label, verdict: { ok: false } });
      expect(Number(verdict.firstBrokenSeq)).toBeLessThanOrEqual(rows.length + 1);
    }

    expect((await directoryVerify()).ok).toBe(true);
    await rewriteChain(
      null,
      (e) => (e.after = { ...e.after, title: '伪造' }),
      (prev, c) => eventHash(prev, c),
      2,
    );
    expect(await directoryVerify()).toMatchObject({ ok: false, firstBrokenSeq: '1' });
  });

  it('a chain written before AUDIT_KEY is sealed once at start and still verifies; rewriting its old events breaks the seal', async () => {
    const w = await buildWorld(t);
    await resolutionIn(w, 'in_progress');
    // As the rows of an older version were: unkeyed hashes, hash_version 1.
    const rows = await rewriteChain(
      w.councilId,
      () => undefined,
      (prev, c) => eventHash(prev, c),
      1,
    );
    expect(await councilVerify(w)).toMatchObject({ ok: false, firstBrokenSeq: String(rows.length + 1) });

    const audit = t.app.get(AuditService);
    expect(await audit.sealLegacyChains()).toBeGreaterThanOrEqual(1);
    expect(await audit.sealLegacyChains()).toBe(0);
    const [seal] = await t.db.query('SELECT action, hash_version, after FROM events WHERE council_id = $1 ORDER BY seq DESC LIMIT 1', [
      w.councilId,
    ]);
    expect(seal).toMatchObject({ action: 'audit.keyed', hash_version: 2, after: { unkeyedEvents: String(rows.length) } });
    expect(await councilVerify(w)).toEqual({ ok: true, checked: rows.length + 1 });
    // New events after the seal are keyed and the chain still verifies.
    await resolutionIn(w, 'assigned');
    expect((await councilVerify(w)).ok).toBe(true);

    // The old, unkeyed part rewritten and its hashes recomputed: the keyed seal no longer fits.
    const legacyOnly = rows.length;
    const all: any[] = await t.db.query('SELECT * FROM events WHERE council_id = $1 ORDER BY seq', [w.councilId]);
    await t.db.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    try {
      let prev: string | null = null;
      for (const e of all.slice(0, legacyOnly)) {
        if (Number(e.seq) === 2) e.after = { ...e.after, forged: true };
        const h = eventHash(prev, contentOf(e));
        await t.db.query('UPDATE events SET after = $2::jsonb, prev_hash = $3, hash = $4 WHERE id = $1', [
          e.id,
          JSON.stringify(e.after),
          prev,
          h,
        ]);
        prev = h;
      }
    } finally {
      await t.db.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    }
    expect(await councilVerify(w)).toMatchObject({ ok: false, firstBrokenSeq: String(legacyOnly + 1), checked: legacyOnly });
  });

  it('TRUNCATE of the events is refused by the database, like UPDATE and DELETE', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM events'))[0].n;
    await expect(t.db.query('TRUNCATE events')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    await expect(t.db.query('TRUNCATE councils CASCADE')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect((await t.db.query('SELECT count(*)::int AS n FROM events'))[0].n).toBe(before);
  });
});
