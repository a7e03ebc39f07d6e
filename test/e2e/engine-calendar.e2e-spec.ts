/* eslint-disable @typescript-eslint/no-explicit-any */
// A day of the cn calendar overridden by the admin moves the pending reminders that counted it.
// The dates are in 2027, far from every other test's, as the calendar is shared by the whole run.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

const policy = (calendar: string) => ({
  calendar,
  quietHours: null,
  beforeDue: [],
  escalation: [{ after: '2wd', level: 1, notify: ['owner'] }],
  progressReport: null,
  stagnation: null,
});

describe('calendar override: the pending actions that depend on the day are replanned', () => {
  let t: TestApp;
  let cn: World;
  let weekdays: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-06-01T09:00:00+08:00' });
    cn = await buildWorld(t, policy('cn'));
    weekdays = await buildWorld(t, policy('weekdays'));
  });
  afterAll(async () => {
    await t.db.query("DELETE FROM calendar_days WHERE date = '2027-06-16'");
    await t.close();
  });

  async function inProgress(w: World): Promise<any> {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '修缮老旧小区' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        // A Tuesday: two working days later is Thursday, over Wednesday 16 June.
        dueAt: '2027-06-15T17:00:00+08:00',
      }),
      200,
    );
    return ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
  }

  const escalationAt = async (w: World, id: string): Promise<string> =>
    (await ok(w.as.owner.get(`/resolutions/${id}/timeline`), 200)).upcoming.find((u: any) => u.kind === 'escalation').at;
  const pendingRows = async (id: string): Promise<number> =>
    (await t.db.query("SELECT count(*)::int AS n FROM scheduled_actions WHERE resolution_id = $1 AND status = 'pending'", [id]))[0].n;

  it('a working day made a holiday moves the escalation a day later; made a working day again, back', async () => {
    const onCn = await inProgress(cn);
    const onWeekdays = await inProgress(weekdays);
    expect(await escalationAt(cn, onCn.id)).toBe('2027-06-17T09:00:00.000Z');
    expect(await escalationAt(weekdays, onWeekdays.id)).toBe('2027-06-17T09:00:00.000Z');

    const holiday = await ok(t.admin.put('/calendars/cn/days/2027-06-16', { isWorkday: false, name: '临时放假' }), 200);
    expect(holiday).toMatchObject({ date: '2027-06-16', isWorkday: false, source: 'override' });
    expect(holiday.replanned).toBeGreaterThanOrEqual(1);
    expect(await escalationAt(cn, onCn.id)).toBe('2027-06-18T09:00:00.000Z');
    // A council on another calendar keeps its instant.
    expect(await escalationAt(weekdays, onWeekdays.id)).toBe('2027-06-17T09:00:00.000Z');
    expect(await pendingRows(onCn.id)).toBe(1);

    // The same override again changes nothing; undoing it moves the action back.
    await ok(t.admin.put('/calendars/cn/days/2027-06-16', { isWorkday: false, name: '临时放假' }), 200);
    expect(await escalationAt(cn, onCn.id)).toBe('2027-06-18T09:00:00.000Z');
    expect(await pendingRows(onCn.id)).toBe(1);
    await ok(t.admin.put('/calendars/cn/days/2027-06-16', { isWorkday: true, name: null }), 200);
    expect(await escalationAt(cn, onCn.id)).toBe('2027-06-17T09:00:00.000Z');
    expect(await pendingRows(onCn.id)).toBe(1);
  });

  it('a day overridden through another process is seen by the next transition, not a minute later', async () => {
    const r = await inProgress(cn);
    expect(await escalationAt(cn, r.id)).toBe('2027-06-17T09:00:00.000Z');
    // Another replica's override: the row changes under this process's cached calendar.
    await t.db.query(
      `INSERT INTO calendar_days (date, is_workday, name, source, updated_at) VALUES ('2027-06-16', false, '临时放假', 'override', now())
       ON CONFLICT (date) DO UPDATE SET is_workday = false, name = EXCLUDED.name, source = 'override', updated_at = now()`,
    );
    await ok(cn.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: '已开工', percent: 10 }), 200);
    expect(await escalationAt(cn, r.id)).toBe('2027-06-18T09:00:00.000Z');
    await ok(t.admin.put('/calendars/cn/days/2027-06-16', { isWorkday: true, name: null }), 200);
    expect(await escalationAt(cn, r.id)).toBe('2027-06-17T09:00:00.000Z');
  });
});
