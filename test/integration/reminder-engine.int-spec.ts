/* eslint-disable @typescript-eslint/no-explicit-any */
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { startTestApp, type TestApp } from '../support/app';
import { FAST_POLICY } from '../support/fast-policy';
import { noticesOf } from '../support/inbox';
import { buildWorld, ok, type World } from '../support/world';

/**
 * Driven by the injected clock: the test moves it one second at a time and runs the handler at each
 * step, so every instant is hit exactly and nothing waits on real time. (The same life on real time,
 * through BullMQ, is test/faults/reminder-realtime.faults-spec.ts.)
 */
describe('reminder engine: each kind of action reaches the right inboxes once, on time', () => {
  let t: TestApp;
  let w: World;
  let handler: ActionHandlerService;
  beforeAll(async () => {
    t = await startTestApp({ manualEngine: true, ownDatabase: true });
    handler = t.app.get(ActionHandlerService);
    w = await buildWorld(t, FAST_POLICY);
  });
  afterAll(() => t.close());

  /** An instant `s` seconds after the clock's now. */
  const inSeconds = (s: number) => new Date(t.clock.now().getTime() + s * 1000).toISOString();
  /** Moves the clock `seconds` seconds, one at a time, carrying out at each step what fell due. */
  async function run(seconds: number): Promise<void> {
    for (let i = 0; i < seconds; i++) {
      t.clock.advance(1000);
      await handler.processDue();
    }
  }

  async function assigned(dueInSeconds: number, accept = true): Promise<any> {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '开放公园' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        coOrganizationIds: [w.orgs.co],
        ownerId: w.ids.owner,
        dueAt: inSeconds(dueInSeconds),
      }),
      200,
    );
    if (accept) r = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
    return r;
  }

  it('tells the owner and the unit leaders at assignment, then repeats the acceptance reminder until accepted', async () => {
    const r = await assigned(120, false);
    expect(await noticesOf(t.db, r.id)).toEqual(
      [`assigned@${w.ids.coLeader}`, `assigned@${w.ids.leadLeader}`, `assigned@${w.ids.owner}`].sort(),
    );
    // Due for acceptance at +2 s, then every 2 s: two reminders by +4 s, one at each instant.
    await run(4);
    const rows = await t.db.query(
      "SELECT count(*)::int AS n FROM notifications WHERE resolution_id = $1 AND kind = 'acceptance_overdue' AND person_id = $2",
      [r.id, w.ids.owner],
    );
    expect(rows[0].n).toBe(2);
    const accepted = await ok(
      w.as.owner.post(`/resolutions/${r.id}/accept`, { version: (await w.as.owner.get(`/resolutions/${r.id}`)).body.version }),
      200,
    );
    expect(accepted.status).toBe('in_progress');
    const pending = await t.db.query(
      "SELECT count(*)::int AS n FROM scheduled_actions WHERE resolution_id = $1 AND kind = 'acceptance_overdue' AND status = 'pending'",
      [r.id],
    );
    expect(pending[0].n).toBe(0);
  });

  it('reminds before the deadline, then escalates level by level to the right people, exactly once each', async () => {
    const r = await assigned(3);
    const expected = [
      `due_soon@${w.ids.owner}`,
      `overdue#1@${w.ids.owner}`,
      `overdue#1@${w.ids.leadLeader}`,
      `escalated#2@${w.ids.owner}`,
      `escalated#2@${w.ids.supervisor}`,
      `escalated#3@${w.ids.chair}`,
    ];
    // The reminder at +1 s, levels 1, 2, 3 at +3, +5, +7 s.
    await run(8);
    const notices = (await noticesOf(t.db, r.id)).filter((n) => !n.startsWith('assigned'));
    expect(notices).toEqual(expected.sort());
    const view = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    expect(view).toMatchObject({ overdue: true, light: 'red', escalationLevel: 3 });
    // Every action was carried out at the step its instant fell on (real-time lateness: the faults tier).
    const late = await t.db.query(
      "SELECT max(extract(epoch FROM handled_at - fire_at))::float AS s FROM scheduled_actions WHERE resolution_id = $1 AND status = 'done'",
      [r.id],
    );
    expect(late[0].s).toBeLessThan(1.5);
    const events = (await w.as.owner.get(`/resolutions/${r.id}/events`)).body.items.filter((e: any) => e.action === 'resolution.escalated');
    expect(events.map((e: any) => e.after.escalationLevel)).toEqual([1, 2, 3]);
  });

  it('an approved extension resets the level and moves what is pending; no further escalation is sent', async () => {
    let r = await assigned(3);
    const request = await ok(
      w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: inSeconds(600),
        reason: '需要协调拆迁',
      }),
    );
    await run(3);
    expect((await w.as.owner.get(`/resolutions/${r.id}`)).body.escalationLevel).toBe(1);
    r = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    r = await ok(w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, { version: r.version }), 200);
    expect(r).toMatchObject({ escalationLevel: 0, overdue: false });
    const before = await noticesOf(t.db, r.id);
    expect(before).toContain(`extension_decided@${w.ids.owner}`);
    // Past the instants levels 2 and 3 had before the extension.
    await run(3);
    expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('escalated'))).toEqual([]);
    const upcoming = (await w.as.owner.get(`/resolutions/${r.id}/timeline`)).body.upcoming;
    expect(upcoming.map((u: any) => u.kind)).toEqual(['due_soon', 'escalation', 'escalation', 'escalation']);
    expect(new Date(upcoming[1].at).getTime()).toBe(new Date(r.dueAt).getTime());
    expect(upcoming[3]).toMatchObject({ level: 3, recipientRoles: ['chair'], recipients: [w.ids.chair] });
  });

  it('closing or cancelling stops everything that was pending', async () => {
    const cancelled = await assigned(2);
    await ok(w.as.supervisor.post(`/resolutions/${cancelled.id}/cancel`, { version: cancelled.version, reason: '会议决定撤销' }), 200);
    let closed = await assigned(2);
    closed = await ok(w.as.owner.post(`/resolutions/${closed.id}/completion-request`, { version: closed.version, summary: '已完成' }), 200);
    closed = await ok(w.as.supervisor.post(`/resolutions/${closed.id}/verify`, { version: closed.version }), 200);
    // Past every instant the two had planned (the last, level 3, at +6 s).
    await run(7);
    for (const r of [cancelled, closed]) {
      const notices = (await noticesOf(t.db, r.id)).filter((n) => /due_soon|overdue|escalated/.test(n));
      expect(notices).toEqual([]);
      const pending = await t.db.query("SELECT count(*)::int AS n FROM scheduled_actions WHERE resolution_id = $1 AND status = 'pending'", [
        r.id,
      ]);
      expect(pending[0].n).toBe(0);
    }
    expect(await noticesOf(t.db, cancelled.id)).toContain(`cancelled@${w.ids.owner}`);
    expect(await noticesOf(t.db, closed.id)).toContain(`closed@${w.ids.owner}`);
  });

  it('a manual urge notifies the owner at once and is recorded', async () => {
    const r = await assigned(600);
    const urge = await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '请本周内完成' }));
    expect(urge).toMatchObject({ note: '请本周内完成', urgedById: w.ids.supervisor });
    const inbox = (await w.as.owner.get('/notifications?unread=true')).body.items.filter(
      (n: any) => n.resolutionId === r.id && n.kind === 'urged',
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0].body).toContain('请本周内完成');
    const read = await w.as.owner.post(`/notifications/${inbox[0].id}/read`);
    expect(read.status).toBe(200);
    expect((await w.as.owner.get('/notifications?unread=true')).body.items.find((n: any) => n.id === inbox[0].id)).toBeUndefined();
    expect((await w.as.outsider.post(`/notifications/${inbox[0].id}/read`)).status).toBe(404);
  });

  it('a policy change recomputes the pending actions of open items', async () => {
    const r = await assigned(600);
    const before = (await w.as.owner.get(`/resolutions/${r.id}/timeline`)).body.upcoming;
    expect(before.filter((u: any) => u.kind === 'escalation')).toHaveLength(3);
    const res = await w.as.chair.put(`/councils/${w.councilId}/policy`, {
      ...FAST_POLICY,
      escalation: [{ after: 'PT0S', level: 1, notify: ['owner'] }],
    });
    expect(res.status).toBe(200);
    const after = (await w.as.owner.get(`/resolutions/${r.id}/timeline`)).body.upcoming;
    expect(after.filter((u: any) => u.kind === 'escalation')).toEqual([expect.objectContaining({ level: 1, recipientRoles: ['owner'] })]);
    // Level 1 keeps its key with other recipients: the old row is cancelled and its replacement written
    // by the same statement, never dropped as a duplicate of the row being cancelled.
    const levelOne = await t.db.query(
      "SELECT status, recipients FROM scheduled_actions WHERE resolution_id = $1 AND kind = 'escalation' AND level = 1 ORDER BY created_at",
      [r.id],
    );
    expect(levelOne).toEqual([
      { status: 'cancelled', recipients: ['owner', 'leadLeader'] },
      { status: 'pending', recipients: ['owner'] },
    ]);
    await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, FAST_POLICY), 200);
  });
});
