import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

function csv(rows: string[][]): Buffer {
  return Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
}

function upload(as: ApiClient, meetingId: string, file: Buffer, query: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'list.csv');
  return as.raw('POST', `/meetings/${meetingId}/resolutions/import${query}`, form);
}

/** The console's import preview: every row checked as the import would, nothing saved. */
describe('POST /meetings/:id/resolutions/import?dryRun=true', () => {
  let t: TestApp;
  let w: World;
  let meetingId: string;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    lead = (await ok(t.admin.get(`/organizations/${w.orgs.lead}`), 200)).name;
    meetingId = (
      await ok(
        w.as.secretary.post(`/councils/${w.councilId}/meetings`, {
          title: '预览会议',
          kind: 'regular',
          heldAt: '2026-03-01T09:00:00+08:00',
        }),
      )
    ).id;
  });
  afterAll(() => t.close());

  const saved = async () => ({
    resolutions: (await t.db.query('SELECT count(*)::int AS n FROM resolutions WHERE meeting_id = $1', [meetingId]))[0].n as number,
    seq: (await t.db.query('SELECT resolution_seq AS n FROM councils WHERE id = $1', [w.councilId]))[0].n as number,
  });

  it('names the bad row and field with 200, saves nothing; the same file without dryRun is refused alike', async () => {
    const file = csv([
      ['标题', '牵头单位', '完成时限'],
      ['修缮老旧小区', lead, '2026-06-30'],
      ['', '不存在的单位', '明年'],
    ]);
    const before = await saved();
    const res = await upload(w.as.secretary, meetingId, file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, valid: false, rows: 2, created: 0 });
    expect(res.body.preview).toEqual([
      { row: 2, cells: { title: '修缮老旧小区', leadOrganization: lead, dueAt: '2026-06-30' } },
      { row: 3, cells: { leadOrganization: '不存在的单位', dueAt: '明年' } },
    ]);
    const fields = (res.body.errors as { row: number; field: string }[]).map((e) => `${e.row}:${e.field}`).sort();
    expect(fields).toEqual(['3:dueAt', '3:leadOrganization', '3:title']);
    expect(await saved()).toEqual(before);

    const real = await upload(w.as.secretary, meetingId, file, '');
    expect(real.status).toBe(400);
    expect((real.body.errors as { row: number; field: string }[]).map((e) => `${e.row}:${e.field}`).sort()).toEqual(fields);
  });

  it('a good file is valid and still saves nothing; then the import creates its rows', async () => {
    const file = csv([
      ['标题', '牵头单位'],
      ['建设口袋公园', lead],
      ['打通断头路', ''],
    ]);
    const before = await saved();
    const res = await upload(w.as.secretary, meetingId, file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, valid: true, rows: 2, created: 0, errors: [] });
    expect(await saved()).toEqual(before);
    expect((await upload(w.as.secretary, meetingId, file, '?dryRun=false')).body).toMatchObject({ created: 2 });
    expect((await saved()).resolutions).toBe(before.resolutions + 2);
  });

  it('an unreadable file is a file-level error in the same shape', async () => {
    const res = await upload(w.as.secretary, meetingId, csv([['名称'], ['x']]), '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, rows: 0, errors: [{ row: 0, field: 'file' }] });
  });

  it('dryRun other than true/false is a 400 naming it; a non-secretary gets 403 as for the import', async () => {
    const bad = await upload(w.as.secretary, meetingId, csv([['标题'], ['x']]), '?dryRun=yes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('dryRun');
    expect((await upload(w.as.supervisor, meetingId, csv([['标题'], ['x']]), '?dryRun=true')).status).toBe(403);
  });
});
