/* eslint-disable @typescript-eslint/no-explicit-any */
// The engine after trouble: a council whose audit chain is broken, and a catch-up after an outage.
// Driven by the injected clock and the handler called directly; the app has no queue consumer
// (manual engine) and a database of its own, so that every batch is the test's.
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { startTestApp, type TestApp } from '../support/app';
import { noticesOf } from '../support/inbox';
import { buildWorld, ok, type World } from '../support/world';

const START = '2026-03-02T09:00:00+08:00';
const hoursAfterStart = (h: number) => new Date(new Date(START).getTime() + h * 3_600_000).toISOString();

/** Hours, every day, no quiet hours: the instants below are easy to read. */
const POLICY = {
  calendar: 'all',
  quietHours: null,
  warningWindow: 'PT1H',
  acceptance: { within: 'PT1H', remindEvery: 'PT1H' },
  beforeDue: ['-PT3H', '-PT2H', '-PT1H'],
  escalation: [
    { after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] },
    { after: 'PT1H', level: 2, notify: ['owner', 'supervisors'] },
    { after: 'PT2H', level: 3, notify: ['chair', 'supervisors'] },
  ],
  progressReport: null,
  stagnation: null,
};

describe('engine catch-up: a broken council is set aside, repeats collapse into one message', () => {
  let t: TestApp;
  let handler: ActionHandlerService;

  beforeAll(async () => {
    t = await startTestApp({ manualEngine: true, ownDatabase: true, now: START });
    handler = t.app.get(ActionHandlerService);
  });
  afterAll(() => t.close());

  async function assigned(w: World, dueInHours: number, accept: boolean): Promise<any> {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '整治背街小巷' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt: hoursAfterStart(dueInHours),
      }),
      200,
    );
    if (accept) r = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
    return r;
  }

  /**
   * What the worker does after an outage: run the handler until nothing due is left (each run also
   * carries out what the previous one planned in the past, as the woken fire jobs would).
   */
  async function catchUp(): Promise<void> {
    for (let run = 0; run < 50; run++) {
      await handler.processDue();
      const [{ n }] = await t.db.query("SELECT count(*)::int AS n FROM scheduled_actions WHERE status = 'pending' AND fire_at <= $1", [
        t.clock.now(),
      ]);
      if (n === 0) return;
    }
    throw new Error('still due after 50 runs');
  }

  /** Notifications of an item counted per `kind#level@person`. */
  async function tally(resolutionId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const n of await noticesOf(t.db, resolutionId)) counts[n] = (counts[n] ?? 0) + 1;
    return counts;
  }

  /** The same, without the notices of the assignment itself. */
  async function reminders(resolutionId: string): Promise<Record<string, number>> {
    return Object.fromEntries(Object.entries(await tally(resolutionId)).filter(([k]) => !k.startsWith('assigned@')));
  }

  it('a council with a broken chain fails its own actions only; the others go out, and the failed ones are listed and retried', async () => {
    t.clock.set(START);
    const poisoned = await buildWorld(t, POLICY);
    const healthy = await buildWorld(t, POLICY);
    const bad = await Promise.all([assigned(poisoned, 2, true), assigned(poisoned, 2, true)]);
    const good = await Promise.all([assigned(healthy, 2, true), assigned(healthy, 2, true)]);
    // The chain head moved back by one, as if an event had been appended past it: the next append
    // collides with an existing position.
    await t.db.query('UPDATE councils SET event_seq = event_seq - 1 WHERE id = $1', [poisoned.councilId]);
    try {
      // Both councils' escalations fall due together, in one batch.
      t.clock.set(hoursAfterStart(2.5));
      await handler.processDue();

      for (const r of good) expect(await noticesOf(t.db, r.id)).toContain(`overdue#1@${healthy.ids.owner}`);
      for (const r of bad) expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('overdue'))).toEqual([]);
      const failed = await t.db.query(
        "SELECT id, resolution_id, kind, last_error FROM scheduled_actions WHERE council_id = $1 AND status = 'failed'",
        [poisoned.councilId],
      );
      expect(failed.length).toBeGreaterThan(0);
      for (const row of failed) expect(row.last_error).toMatch(/23505|duplicate key/);
      expect(
        (
          await t.db.query("SELECT count(*)::int AS n FROM scheduled_actions WHERE council_id = $1 AND status = 'failed'", [
            healthy.councilId,
          ])
        )[0].n,
      ).toBe(0);

      // The admin sees them with their error; nobody else does; bad filters are a 400 naming the field.
      const listed = await ok(t.admin.get(`/admin/scheduled-actions?status=failed&councilId=${poisoned.councilId}`), 200);
      expect(listed.items).toHaveLength(failed.length);
      expect(listed.items[0]).toMatchObject({ councilId: poisoned.councilId, status: 'failed', lastError: expect.stringMatching(/23505/) });
      expect((await poisoned.as.chair.get('/admin/scheduled-actions')).status).toBe(403);
      const docs = (await ok(t.anonymous.get('/docs-json'), 200)).paths;
      expect(docs['/api/v1/admin/scheduled-actions']).toHaveProperty('get');
      expect(docs['/api/v1/admin/scheduled-actions/retry']).toHaveProperty('post');
      const badFilter = await t.admin.get('/admin/scheduled-actions?councilId=nope');
      expect(badFilter.status).toBe(400);
      expect(JSON.stringify(badFilter.body)).toContain('councilId');
      expect((await t.admin.get('/admin/scheduled-actions?status=done')).status).toBe(400);
      const both = await t.admin.post('/admin/scheduled-actions/retry', { councilId: poisoned.councilId, ids: [failed[0].id] });
      expect(both.status).toBe(400);
    } finally {
      await t.db.query('UPDATE councils SET event_seq = event_seq + 1 WHERE id = $1', [poisoned.councilId]);
    }

    // Once the chain is repaired, a retry carries them out.
    const retried = await ok(t.admin.post('/admin/scheduled-actions/retry', { councilId: poisoned.councilId }), 200);
    expect(retried.retried).toBeGreaterThan(0);
    await handler.processDue();
    for (const r of bad) expect(await noticesOf(t.db, r.id)).toContain(`overdue#1@${poisoned.ids.owner}`);
    expect((await ok(t.admin.get(`/admin/scheduled-actions?councilId=${poisoned.councilId}`), 200)).items).toEqual([]);
    expect((await ok(poisoned.as.supervisor.get(`/councils/${poisoned.councilId}/audit/verify`), 200)).ok).toBe(true);
  });

  it('after an outage, each item tells each person each kind of thing once: repeats and steps collapse', async () => {
    t.clock.set(START);
    const w = await buildWorld(t, POLICY);
    // Never accepted: an acceptance reminder every hour, and the deadline passed long ago.
    const unaccepted = await assigned(w, 10, false);

    // The engine was down for 20 h.
    t.clock.set(hoursAfterStart(20));
    await catchUp();
    expect(await tally(unaccepted.id)).toEqual({
      [`assigned@${w.ids.owner}`]: 1,
      [`assigned@${w.ids.leadLeader}`]: 1,
      [`acceptance_overdue@${w.ids.owner}`]: 1,
      [`overdue#1@${w.ids.owner}`]: 1,
      [`overdue#1@${w.ids.leadLeader}`]: 1,
      // Level 2 told the owner; the supervisor heard only the highest level reached.
      [`escalated#2@${w.ids.owner}`]: 1,
      [`escalated#3@${w.ids.supervisor}`]: 1,
      [`escalated#3@${w.ids.chair}`]: 1,
    });
    const view = await ok(w.as.owner.get(`/resolutions/${unaccepted.id}`), 200);
    expect(view.escalationLevel).toBe(3);
    // Every step is still in the audit trail and on the timeline; the repeats show as collapsed.
    const events = (await ok(w.as.owner.get(`/resolutions/${unaccepted.id}/events`), 200)).items;
    expect(events.filter((e: any) => e.action === 'resolution.escalated').map((e: any) => e.after.escalationLevel)).toEqual([1, 2, 3]);
    const timeline = await ok(w.as.owner.get(`/resolutions/${unaccepted.id}/timeline`), 200);
    const reminders = timeline.past.filter((p: any) => p.source === 'action' && p.kind === 'acceptance_overdue');
    expect(reminders).toHaveLength(20);
    expect(reminders.filter((p: any) => p.collapsed)).toHaveLength(19);
    // The next repeat is planned after "now", not in the past.
    expect(timeline.upcoming.map((u: any) => [u.kind, u.at])).toEqual([['acceptance_overdue', hoursAfterStart(21)]]);

    // Running again at the same instant sends nothing more.
    const before = await tally(unaccepted.id);
    await catchUp();
    expect(await tally(unaccepted.id)).toEqual(before);
  });

  it('three "due soon" reminders that fell due during an outage make one message', async () => {
    t.clock.set(START);
    const w = await buildWorld(t, POLICY);
    const nearDue = await assigned(w, 10, true);
    t.clock.set(hoursAfterStart(9.5));
    await catchUp();
    expect(await reminders(nearDue.id)).toEqual({ [`due_soon@${w.ids.owner}`]: 1 });
    const statuses = await t.db.query(
      "SELECT status FROM scheduled_actions WHERE resolution_id = $1 AND kind = 'due_soon' ORDER BY fire_at",
      [nearDue.id],
    );
    expect(statuses.map((s: any) => s.status)).toEqual(['collapsed', 'collapsed', 'done']);
  });

  it('a repeat held by another worker during the catch-up collapses when it is carried out later', async () => {
    t.clock.set(START);
    const w = await buildWorld(t, POLICY);
    const r = await assigned(w, 10, true);
    const [held] = await t.db.query(
      "SELECT id FROM scheduled_actions WHERE resolution_id = $1 AND kind = 'due_soon' AND status = 'pending' ORDER BY fire_at DESC LIMIT 1",
      [r.id],
    );
    t.clock.set(hoursAfterStart(9.5));
    // Another worker holds the last "due soon" row while this one carries out the other two.
    const other = t.db.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query('SELECT id FROM scheduled_actions WHERE id = $1 FOR UPDATE', [held.id]);
      await handler.processDue();
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await reminders(r.id)).toEqual({ [`due_soon@${w.ids.owner}`]: 1 });
    await handler.processDue();
    expect(await reminders(r.id)).toEqual({ [`due_soon@${w.ids.owner}`]: 1 });
    const [row] = await t.db.query('SELECT status FROM scheduled_actions WHERE id = $1', [held.id]);
    expect(row.status).toBe('collapsed');
  });
});
