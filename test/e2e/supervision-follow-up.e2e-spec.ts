/* eslint-disable @typescript-eslint/no-explicit-any */
// 会前汇总 over the hand-computed council (test/support/supervision-fixture.ts).
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { AS_OF, buildSupervisionFixture, type Fixture } from '../support/supervision-fixture';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

describe('GET /meetings/:id/follow-up', () => {
  let t: TestApp;
  let w: World;
  let f: Fixture;
  let next: any;
  let between: any;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    f = await buildSupervisionFixture(t, w);
    const meeting = (title: string, heldAt: string) =>
      ok(w.as.secretary.post(`/councils/${w.councilId}/meetings`, { title, kind: 'regular', heldAt }));
    next = await meeting('第二次联席会议', '2026-04-01T09:00:00+08:00');
    between = await meeting('专题会议', '2026-03-11T12:00:00+08:00');
    // A decision of the upcoming meeting itself is not an earlier decision.
    await ok(w.as.secretary.post(`/meetings/${next.id}/resolutions`, { title: '本次会议新事项' }));
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(AS_OF));

  const keysOf = (items: any[]) => items.map((i) => Object.entries(f.ids).find(([, id]) => id === i.id)?.[0] ?? i.title).sort();

  it('an upcoming meeting: the earlier decisions open now, judged now, with lead unit, owner and last progress', async () => {
    const res = await ok(w.as.chair.get(`/meetings/${next.id}/follow-up`), 200);
    expect(res).toMatchObject({ meetingId: next.id, asOf: new Date(AS_OF).toISOString() });
    expect(keysOf(res.items)).toEqual(['D', 'E', 'H', 'I']);
    const d = res.items.find((i: any) => i.id === f.ids.D);
    expect(d).toMatchObject({
      status: 'in_progress',
      light: 'red',
      daysOverdue: 15,
      leadOrganizationId: w.orgs.lead,
      leadOrganizationName: expect.stringContaining('城建办'),
      ownerId: w.ids.owner,
      lastProgress: null,
    });
    expect(res.items.find((i: any) => i.id === f.ids.H)).toMatchObject({
      light: 'green',
      lastProgress: { note: '已完成选址', percent: 60 },
    });
  });

  it('a past meeting: judged at its own time, with items signed off after it still listed', async () => {
    const res = await ok(w.as.supervisor.get(`/meetings/${between.id}/follow-up`), 200);
    expect(res.asOf).toBe(new Date('2026-03-11T12:00:00+08:00').toISOString());
    expect(keysOf(res.items)).toEqual(['A', 'B', 'D', 'E', 'H', 'I']);
    expect(res.items.find((i: any) => i.id === f.ids.D)).toMatchObject({ light: 'red', daysOverdue: 1 });
  });

  it('each reader sees only the items they may see', async () => {
    expect(keysOf((await ok(w.as.leadMember.get(`/meetings/${next.id}/follow-up`), 200)).items)).toEqual(['D', 'E', 'I']);
    expect(keysOf((await ok(w.as.coHandler.get(`/meetings/${next.id}/follow-up`), 200)).items)).toEqual(['D', 'E', 'H', 'I']);
  });

  it('as XLSX: one sheet with the same rows', async () => {
    const json = await ok(w.as.chair.get(`/meetings/${next.id}/follow-up`), 200);
    const res = await fetch(`${t.baseUrl}/api/v1/meetings/${next.id}/follow-up?format=xlsx`, {
      headers: { authorization: `Bearer ${w.as.chair.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('会前汇总');
    const rows: any[] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push(row.values));
    expect(rows.map((r) => [r[1], r[2], r[6]])).toEqual(json.items.map((i: any) => [i.number, i.title, i.daysOverdue]));
  });

  it('an unknown format is a 400 naming format; an unknown meeting 404', async () => {
    const res = await w.as.chair.get(`/meetings/${next.id}/follow-up?format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'format' })]);
    expect((await w.as.chair.get('/meetings/00000000-0000-4000-8000-000000000000/follow-up')).status).toBe(404);
  });

  it.each(['chair', 'secretary', 'supervisor', 'owner', 'leadMember', 'leadLeader', 'coHandler', 'coLeader', 'outsider', 'admin'] as (
    PersonKey | 'admin'
  )[])('access as %s', async (role) => {
    const res = await (role === 'admin' ? t.admin : w.as[role]).get(`/meetings/${next.id}/follow-up`);
    expect({ role, status: res.status }).toEqual({ role, status: role === 'outsider' ? 404 : 200 });
  });
});
