/* eslint-disable @typescript-eslint/no-explicit-any */
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { startTestApp, type TestApp } from '../support/app';
import { noticesOf } from '../support/inbox';
import { buildWorld, ok, type World } from '../support/world';

/**
 * Progress-report cycles and stagnation work in working days and crons, so they are tested by
 * moving the injected clock and running the handler, not by waiting.
 */
describe('reminder engine: progress-report cycles, missed reports and stagnation', () => {
  let t: TestApp;
  let w: World;
  let handler: ActionHandlerService;
  /**
   * Moves the clock and carries out what fell due. No queue consumer runs (manual engine), so the
   * handler is the only one at work; an action it carries out may plan the next one already due,
   * hence the passes until one finds nothing.
   */
  const at = async (local: string) => {
    t.clock.set(`${local}+08:00`);
    for (let pass = 0; pass < 10 && (await handler.processDue()) > 0; pass++);
    const [{ n }] = await t.db.query(
      "SELECT count(*)::int AS n FROM scheduled_actions WHERE council_id = $1 AND status = 'pending' AND fire_at <= $2",
      [w.councilId, t.clock.now()],
    );
    expect({ local, dueLeftPending: n }).toEqual({ local, dueLeftPending: 0 });
  };

  beforeAll(async () => {
    t = await startTestApp({ manualEngine: true, ownDatabase: true, now: '2026-03-02T09:00:00+08:00' });
    handler = t.app.get(ActionHandlerService);
    w = await buildWorld(t, {
      calendar: 'weekdays',
      quietHours: null,
      beforeDue: [],
      escalation: [],
      progressReport: { cron: '0 17 * * 5', grace: '1wd' },
      stagnation: '3wd',
      warningWindow: 'PT1H',
    });
  });
  afterAll(() => t.close());

  it('reminds on the cycle, counts a missed report apart from the deadline, and flags stagnation', async () => {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '设立联合课堂' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt: '2026-06-30',
      }),
      200,
    );
    r = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
    const upcoming = (await w.as.owner.get(`/resolutions/${r.id}/timeline`)).body.upcoming.map((u: any) => [u.kind, u.at]);
    expect(upcoming).toEqual([
      ['stagnant', '2026-03-05T01:00:00.000Z'],
      ['progress_report_due', '2026-03-06T09:00:00.000Z'],
      ['progress_report_missed', '2026-03-09T09:00:00.000Z'],
    ]);

    await at('2026-03-05T08:59:00');
    expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('stagnant'))).toEqual([]);
    await at('2026-03-05T09:00:00');
    expect(await noticesOf(t.db, r.id)).toEqual(expect.arrayContaining([`stagnant@${w.ids.owner}`, `stagnant@${w.ids.leadLeader}`]));
    expect((await w.as.owner.get(`/resolutions/${r.id}`)).body.light).toBe('yellow');

    await at('2026-03-06T17:00:00');
    expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('progress_report_due'))).toEqual([
      `progress_report_due@${w.ids.owner}`,
    ]);

    await at('2026-03-09T17:00:00');
    const missed = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    expect(missed).toMatchObject({ missedReports: 1, light: 'yellow', escalationLevel: 0 });
    expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('progress_report_missed'))).toEqual(
      [`progress_report_missed#1@${w.ids.leadLeader}`, `progress_report_missed#1@${w.ids.owner}`].sort(),
    );

    // A report clears the flag and settles the next cycle without a notice.
    t.clock.set('2026-03-10T10:00:00+08:00');
    const reported = await ok(
      w.as.owner.post(`/resolutions/${r.id}/progress`, { version: missed.version, note: '完成场地选址', percent: 30 }),
      200,
    );
    expect(reported).toMatchObject({ reportOverdueSince: null, light: 'green' });
    await at('2026-03-13T17:00:00');
    await at('2026-03-16T17:00:00');
    const after = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    expect(after.missedReports).toBe(1);
    expect((await noticesOf(t.db, r.id)).filter((n) => n.startsWith('progress_report'))).toHaveLength(3);

    // Running the handler again at the same instant changes nothing.
    const before = await noticesOf(t.db, r.id);
    await handler.processDue();
    expect(await noticesOf(t.db, r.id)).toEqual(before);
  });
});
