/* eslint-disable @typescript-eslint/no-explicit-any */
import { parse } from 'csv-parse/sync';
import { ActionHandlerService } from '../../src/reminders/action-handler.service';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

// What the reminder engine did shows in a bulletin: escalations by level and missed progress reports,
// counted inside the bulletin's period only. The engine is moved by the injected clock (manual engine:
// no queue consumer, the test runs the handler), day by day, in a database of its own.

const DAY = 86_400_000;

describe('bulletins: escalations and missed reports from the reminder engine', () => {
  let t: TestApp;
  let w: World;
  let handler: ActionHandlerService;
  /** Moves the clock and carries out what fell due (an action may plan the next one already due). */
  const at = async (instant: Date) => {
    t.clock.set(instant);
    for (let pass = 0; pass < 10 && (await handler.processDue()) > 0; pass++);
  };
  const assigned = async (title: string, dueAt: string) => {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt,
      }),
      200,
    );
    return ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
  };
  let late: any;
  let reported: any;
  let silent: any;

  beforeAll(async () => {
    t = await startTestApp({ manualEngine: true, ownDatabase: true, now: '2026-03-02T09:00:00+08:00' });
    handler = t.app.get(ActionHandlerService);
    w = await buildWorld(t, {
      calendar: 'all',
      quietHours: null,
      warningWindow: 'PT1H',
      beforeDue: [],
      escalation: [
        { after: 'PT0S', level: 1, notify: ['owner'] },
        { after: 'P1D', level: 2, notify: ['supervisors'] },
        { after: 'P2D', level: 3, notify: ['chair'] },
      ],
      progressReport: { cron: '0 17 * * 5', grace: 'P1D' },
      stagnation: null,
    });
    late = await assigned('拆除违章搭建', '2026-03-04');
    silent = await assigned('修缮社区道路', '2026-06-30');
    reported = await assigned('设立联合课堂', '2026-06-30');
    // Day by day to 03-11: `late` passes its deadline and climbs to level 3; the Friday report of
    // 03-06 is missed by `late` and `silent` on 03-07, while `reported` reports in time.
    for (
      let day = new Date('2026-03-02T10:00:00+08:00').getTime();
      day <= new Date('2026-03-11T10:00:00+08:00').getTime();
      day += DAY / 4
    ) {
      if (day === new Date('2026-03-06T10:00:00+08:00').getTime()) {
        t.clock.set(new Date(day));
        const r = await ok(w.as.owner.get(`/resolutions/${reported.id}`), 200);
        await ok(w.as.owner.post(`/resolutions/${reported.id}/progress`, { version: r.version, note: '完成场地选址', percent: 30 }), 200);
      }
      await at(new Date(day));
    }
  });
  afterAll(() => t.close());

  const events = async (action: string, from: string, to: string) =>
    t.db.query<{ resolution_id: string; level: number | null; at: Date }[]>(
      `SELECT resolution_id, (after ->> 'escalationLevel')::int AS level, at FROM events
        WHERE council_id = $1 AND action = $2 AND at >= $3 AND at <= $4 ORDER BY at, seq`,
      [w.councilId, action, from, to],
    );

  it('the engine escalated the late item to level 3 and recorded the missed reports (the ground truth)', async () => {
    expect((await events('resolution.escalated', '2026-03-01', '2026-03-12')).map((e) => [e.resolution_id, e.level])).toEqual([
      [late.id, 1],
      [late.id, 2],
      [late.id, 3],
    ]);
    const missed = await events('resolution.report_missed', '2026-03-01', '2026-03-12');
    expect(missed.map((e) => e.resolution_id).sort()).toEqual([late.id, silent.id].sort());
  });

  it('a bulletin over the whole period shows every escalation level and each missed report, in JSON, CSV and HTML', async () => {
    const b = await ok(w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-01', periodEnd: '2026-03-11' }));
    expect(b.summary.escalations).toEqual({ 1: 1, 2: 1, 3: 1 });
    expect(b.summary.overdue).toBe(1);
    const j = await ok(w.as.chair.get(`/bulletins/${b.id}`), 200);
    expect(j.overdue).toEqual([expect.objectContaining({ resolutionId: late.id, escalationLevel: 3 })]);
    const missed = await events('resolution.report_missed', '2026-03-01', '2026-03-12');
    expect(j.missedReports.map((m: any) => [m.resolutionId, m.missedAt])).toEqual(
      missed.map((e) => [e.resolution_id, new Date(e.at).toISOString()]),
    );
    expect(j.missedReports.map((m: any) => m.number).sort()).toEqual([late.number, silent.number].sort());
    expect(j.missedReports.map((m: any) => m.resolutionId)).not.toContain(reported.id);

    const csv = await fetch(`${t.baseUrl}/api/v1/bulletins/${b.id}?format=csv`, {
      headers: { authorization: `Bearer ${(w.as.chair as any).token}` },
    });
    expect(csv.status).toBe(200);
    const rows: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ''), { relaxColumnCount: true });
    const cell = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect([cell('催办（1级）'), cell('督办（2级）'), cell('通报（3级）')]).toEqual(['1', '1', '1']);
    const html = await fetch(`${t.baseUrl}/api/v1/bulletins/${b.id}?format=html`, {
      headers: { authorization: `Bearer ${(w.as.chair as any).token}` },
    }).then((r) => r.text());
    for (const m of j.missedReports) expect(html).toContain(m.title);
  });

  it('only what happened inside the period counts', async () => {
    const level2 = (await events('resolution.escalated', '2026-03-01', '2026-03-12')).find((e) => e.level === 2)!;
    const end = new Date(new Date(level2.at).getTime() - 1).toISOString();
    const before = await ok(
      w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-01T00:00:00+08:00', periodEnd: end }),
    );
    expect(before.summary.escalations).toEqual({ 1: 1, 2: 0, 3: 0 });
    const early = await ok(
      w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-01', periodEnd: '2026-03-03' }),
    );
    expect(early.summary.escalations).toEqual({ 1: 0, 2: 0, 3: 0 });
    const j = await ok(w.as.chair.get(`/bulletins/${early.id}`), 200);
    expect(j.missedReports).toEqual([]);
  });
});
