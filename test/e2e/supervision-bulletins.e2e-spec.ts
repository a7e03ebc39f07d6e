/* eslint-disable @typescript-eslint/no-explicit-any */
// 督查通报 over the hand-computed council (test/support/supervision-fixture.ts), period 03-01…03-25,
// judged at 03-25 10:00: new 8 (F cancelled), closed 4 (A, B, C, G), on time 3 (A, B, G), overdue 2
// (D 15 days, I 5 days); 城建办 rate 2/5, 管委会 1/1 co-handling 6. Every format is parsed back and
// compared with the JSON, figure by figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { orphanProofSql } from '../../migrations/1795909267762-ForeignKeys';
import { BULLETIN_KEYS } from '../../migrations/1795953000001-BulletinForeignKeys';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { AS_OF, buildSupervisionFixture, type Fixture } from '../support/supervision-fixture';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const SHEETS = ['概况', '逾期事项', '单位情况', '未按期报送进展', '督查检查'];

/** The rows every format must show, derived from the JSON answer (numbers as text, as a document shows them). */
function expectedTables(j: any): Record<string, string[][]> {
  const s = j.summary;
  return {
    概况: [
      ['新增事项', s.new],
      ['办结', s.closed],
      ['按期办结', s.closedOnTime],
      ['期末逾期', s.overdue],
      ['催办（1级）', s.escalations['1']],
      ['督办（2级）', s.escalations['2']],
      ['通报（3级）', s.escalations['3']],
    ].map((r) => r.map(String)),
    逾期事项: j.overdue.map((o: any) => [o.number, o.title, o.daysOverdue].map(String)),
    单位情况: j.byOrganization.map((u: any) =>
      [
        u.name,
        u.open,
        u.overdue,
        u.closed,
        u.closedOnTime,
        u.closedOnTimeOriginal,
        u.coHandled,
        percent(u.onTimeRate),
        percent(u.onTimeRateOriginal),
      ].map(String),
    ),
    未按期报送进展: j.missedReports.map((m: any) => [m.number, m.title].map(String)),
    督查检查: j.checks.map((c: any) => [c.number, c.title].map(String)),
  };
}
/** Only the columns `expectedTables` lists for each section. */
const WIDTH: Record<string, number> = { 概况: 2, 逾期事项: 3, 单位情况: 9, 未按期报送进展: 2, 督查检查: 2 };

describe('bulletins', () => {
  let t: TestApp;
  let w: World;
  let f: Fixture;
  let bulletin: any;
  let json: any;
  const dir = mkdtempSync(join(tmpdir(), 'duban-bulletin-'));

  const download = async (client: ApiClient, id: string, format: string) => {
    const res = await fetch(`${t.baseUrl}/api/v1/bulletins/${id}?format=${format}`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
      body: Buffer.from(await res.arrayBuffer()),
    };
  };

  async function csvTables(body: Buffer): Promise<Record<string, string[][]>> {
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body.toString('utf8').slice(1), { relax_column_count: true });
    const out: Record<string, string[][]> = {};
    let current: string | null = null;
    let headerSeen = false;
    for (const row of rows) {
      const marker = /^【(.+)】$/.exec(row[0] ?? '');
      if (marker) [current, headerSeen] = [marker[1], false];
      else if (current && row.length === 1 && row[0] === '') current = null;
      else if (current && !headerSeen) headerSeen = true;
      else if (current) (out[current] ??= []).push(row.slice(0, WIDTH[current]));
    }
    for (const name of SHEETS) out[name] ??= [];
    return out;
  }

  async function xlsxTables(body: Buffer): Promise<Record<string, string[][]>> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as any);
    expect(book.worksheets.map((s) => s.name)).toEqual(SHEETS);
    const out: Record<string, string[][]> = {};
    for (const sheet of book.worksheets) {
      out[sheet.name] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) out[sheet.name].push((row.values as any[]).slice(1, 1 + WIDTH[sheet.name]).map((v) => String(v ?? '')));
      });
    }
    return out;
  }

  function docxTables(body: Buffer): { text: string; tables: Record<string, string[][]> } {
    const file = join(dir, `${Math.random()}.docx`);
    writeFileSync(file, body);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    const text = (chunk: string) => [...chunk.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    // Each section is a heading paragraph, then a table (or the paragraph 无 when it is empty).
    const tables: Record<string, string[][]> = {};
    for (const name of SHEETS) {
      const at = xml.indexOf(`>${name}</w:t>`);
      expect(at).toBeGreaterThan(-1);
      const rest = xml.slice(at);
      const nextHeading = SHEETS.map((n) => (n === name ? -1 : rest.indexOf(`>${n}</w:t>`))).filter((i) => i > 0);
      const own = rest.slice(0, nextHeading.length ? Math.min(...nextHeading) : undefined);
      const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(own)?.[0];
      tables[name] = table
        ? [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)]
            .slice(1)
            .map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])).slice(0, WIDTH[name]))
        : [];
    }
    return { text: text(xml), tables };
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    f = await buildSupervisionFixture(t, w);
    const d = await ok(w.as.supervisor.get(`/resolutions/${f.ids.D}`), 200);
    await ok(
      w.as.supervisor.post(`/resolutions/${f.ids.D}/checks`, {
        version: d.version,
        checkedAt: '2026-03-20T10:00:00+08:00',
        method: 'site_visit',
        inspectorIds: [w.ids.supervisor, w.ids.chair],
        findings: '道路仍未修缮 <b>需整改</b>',
        rating: 'unsatisfactory',
      }),
      201,
    );
    bulletin = await ok(w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-01', periodEnd: '2026-03-25' }));
    json = await ok(w.as.chair.get(`/bulletins/${bulletin.id}`), 200);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });
  beforeEach(() => t.clock.set(AS_OF));

  it('is stored with its summary, computed by the hand-computed rules', async () => {
    expect(bulletin).toMatchObject({
      id: expect.any(String),
      councilId: w.councilId,
      periodStart: new Date('2026-03-01T00:00:00+08:00').toISOString(),
      periodEnd: new Date('2026-03-25T23:59:59.999+08:00').toISOString(),
      summary: { new: 8, closed: 4, closedOnTime: 3, overdue: 2, escalations: { 1: 0, 2: 0, 3: 0 } },
    });
    expect(json.overdue.map((o: any) => [o.resolutionId, o.daysOverdue])).toEqual([
      [f.ids.D, 15],
      [f.ids.I, 5],
    ]);
    const unit = (id: string) => json.byOrganization.find((u: any) => u.organizationId === id);
    expect(unit(w.orgs.lead)).toMatchObject({
      open: 3,
      overdue: 2,
      closed: 3,
      closedOnTime: 2,
      closedOnTimeOriginal: 1,
      onTimeRate: 0.4,
      onTimeRateOriginal: 0.2,
    });
    expect(unit(w.orgs.co)).toMatchObject({ open: 1, closed: 1, closedOnTime: 1, coHandled: 6, onTimeRate: 1 });
    expect(json.checks).toEqual([
      expect.objectContaining({
        resolutionId: f.ids.D,
        rating: 'unsatisfactory',
        inspectors: [expect.stringContaining('supervisor'), expect.stringContaining('chair')],
      }),
    ]);
    expect(json.missedReports).toEqual([]);
  });

  it('keeps its figures when the items change afterwards (a snapshot)', async () => {
    const i = await ok(w.as.supervisor.get(`/resolutions/${f.ids.I}`), 200);
    await ok(w.as.supervisor.post(`/resolutions/${f.ids.I}/cancel`, { version: i.version, reason: '撤销' }), 200);
    expect((await ok(w.as.chair.get(`/bulletins/${bulletin.id}`), 200)).summary).toEqual(json.summary);
  });

  it('lists the council’s bulletins, newest first, paginated', async () => {
    const second = await ok(
      w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-18', periodEnd: '2026-03-24' }),
    );
    const first = await ok(w.as.chair.get(`/councils/${w.councilId}/bulletins?limit=1`), 200);
    expect(first.items.map((b: any) => b.id)).toEqual([second.id]);
    const rest = await ok(w.as.chair.get(`/councils/${w.councilId}/bulletins?limit=1&cursor=${first.nextCursor}`), 200);
    expect(rest.items.map((b: any) => b.id)).toEqual([bulletin.id]);
  });

  it('the chair and supervisors get a bulletin notification with the link', async () => {
    for (const who of ['chair', 'supervisor'] as const) {
      const inbox = (await ok(w.as[who].get('/notifications'), 200)).items.filter((n: any) => n.kind === 'bulletin');
      expect(inbox.map((n: any) => n.body)).toEqual(expect.arrayContaining([expect.stringContaining(`/bulletins/${bulletin.id}`)]));
    }
    expect((await ok(w.as.owner.get('/notifications'), 200)).items.filter((n: any) => n.kind === 'bulletin')).toEqual([]);
  });

  it('CSV: UTF-8 with BOM, every figure as in the JSON', async () => {
    const res = await download(w.as.chair, bulletin.id, 'csv');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect(await csvTables(res.body)).toEqual(expectedTables(json));
  });

  it('XLSX: a sheet per section, every figure as in the JSON', async () => {
    const res = await download(w.as.chair, bulletin.id, 'xlsx');
    expect(res.type).toContain('spreadsheetml');
    expect(await xlsxTables(res.body)).toEqual(expectedTables(json));
  });

  it('DOCX: title, period, summary paragraph and tables with every figure of the JSON', async () => {
    const res = await download(w.as.chair, bulletin.id, 'docx');
    expect(res.type).toContain('wordprocessingml');
    const doc = docxTables(res.body);
    expect(doc.text).toContain('督查通报');
    expect(doc.text).toContain('2026-03-01 至 2026-03-25');
    expect(doc.text).toContain('新增决定事项8项，办结4项，其中按期办结3项');
    expect(doc.tables).toEqual(expectedTables(json));
  });

  it('HTML: printable A4 with the chart as inline SVG, no script, text escaped', async () => {
    const res = await download(w.as.chair, bulletin.id, 'html');
    const html = res.body.toString('utf8');
    expect(res.type).toContain('text/html');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('size: A4');
    expect(html).toContain('&lt;b&gt;需整改&lt;/b&gt;');
    for (const u of json.byOrganization) expect(html).toContain(`<td>${percent(u.onTimeRate)}</td>`);
  });

  it('a council with no items: an empty, valid document in every format', async () => {
    const empty = await buildWorld(t);
    t.clock.set(AS_OF);
    const b = await ok(
      empty.as.supervisor.post(`/councils/${empty.councilId}/bulletins`, { periodStart: '2026-03-01', periodEnd: '2026-03-31' }),
    );
    expect(b.summary).toEqual({ new: 0, closed: 0, closedOnTime: 0, overdue: 0, escalations: { 1: 0, 2: 0, 3: 0 } });
    const j = await ok(empty.as.supervisor.get(`/bulletins/${b.id}?format=json`), 200);
    const expected = expectedTables(j);
    expect(expected.逾期事项).toEqual([]);
    expect(await csvTables((await download(empty.as.supervisor, b.id, 'csv')).body)).toEqual(expected);
    expect(await xlsxTables((await download(empty.as.supervisor, b.id, 'xlsx')).body)).toEqual(expected);
    expect(docxTables((await download(empty.as.supervisor, b.id, 'docx')).body).tables).toEqual(expected);
    const html = (await download(empty.as.supervisor, b.id, 'html')).body.toString('utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
  });

  it.each([
    ['periodEnd', { periodStart: '2026-03-31', periodEnd: '2026-03-01' }],
    ['periodEnd', { periodStart: '2023-01-01', periodEnd: '2026-03-01' }],
    ['periodStart', { periodEnd: '2026-03-01' }],
    ['periodStart', { periodStart: 'last week', periodEnd: '2026-03-01' }],
  ])('bad input names %s', async (field, body) => {
    const res = await w.as.supervisor.post(`/councils/${w.councilId}/bulletins`, body);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('an unknown format is a 400 naming format', async () => {
    const res = await w.as.chair.get(`/bulletins/${bulletin.id}?format=pdf`);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  describe('access', () => {
    const ROLES = [
      'chair',
      'secretary',
      'supervisor',
      'owner',
      'leadMember',
      'leadLeader',
      'coHandler',
      'coLeader',
      'outsider',
      'admin',
    ] as (PersonKey | 'admin')[];
    const as = (role: PersonKey | 'admin') => (role === 'admin' ? t.admin : w.as[role]);
    const readers = ['chair', 'supervisor', 'admin'];
    it.each(ROLES)('POST /councils/:id/bulletins as %s', async (role) => {
      const res = await as(role).post(`/councils/${w.councilId}/bulletins`, { periodStart: '2026-03-01', periodEnd: '2026-03-07' });
      expect({ role, status: res.status }).toEqual({ role, status: role === 'supervisor' ? 201 : role === 'outsider' ? 404 : 403 });
    });
    it.each(ROLES)('GET /councils/:id/bulletins as %s', async (role) => {
      const res = await as(role).get(`/councils/${w.councilId}/bulletins`);
      expect({ role, status: res.status }).toEqual({ role, status: readers.includes(role) ? 200 : role === 'outsider' ? 404 : 403 });
    });
    it.each(ROLES)('GET /bulletins/:id as %s', async (role) => {
      const res = await as(role).get(`/bulletins/${bulletin.id}`);
      expect({ role, status: res.status }).toEqual({ role, status: readers.includes(role) ? 200 : role === 'outsider' ? 404 : 403 });
    });
    it('an unknown bulletin is 404', async () => {
      expect((await t.admin.get('/bulletins/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('foreign keys (migration BulletinForeignKeys)', () => {
    const NOWHERE = '00000000-0000-4000-8000-000000000000';
    const plant = (councilId: string, createdById: string | null) =>
      t.db.query(
        `INSERT INTO bulletins (council_id, period_start, period_end, source, created_by_id, summary, content)
         VALUES ($1, now(), now(), 'manual', $2, '{}', '{}')`,
        [councilId, createdById],
      );
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: any) => ({ code: e.code ?? e.driverError?.code, constraint: e.constraint ?? e.driverError?.constraint }),
      );

    it('a bulletin naming no council or no person is refused', async () => {
      expect(await refusal(plant(NOWHERE, null))).toEqual({ code: '23503', constraint: 'fk_bulletins_council_id' });
      expect(await refusal(plant(w.councilId, NOWHERE))).toEqual({ code: '23503', constraint: 'fk_bulletins_created_by_id' });
    });

    it('both keys are validated and ON DELETE RESTRICT', async () => {
      const rows = await t.db.query(
        `SELECT conname, confdeltype, convalidated, confrelid::regclass::text AS target FROM pg_constraint
          WHERE conrelid = 'bulletins'::regclass AND contype = 'f' ORDER BY conname`,
      );
      expect(rows).toEqual([
        { conname: 'fk_bulletins_council_id', confdeltype: 'r', convalidated: true, target: 'councils' },
        { conname: 'fk_bulletins_created_by_id', confdeltype: 'r', convalidated: true, target: 'people' },
      ]);
    });

    it("the migration's orphan proof passes here and names a planted orphan", async () => {
      await expect(t.db.query(orphanProofSql(BULLETIN_KEYS))).resolves.toBeDefined();
      const err = await t.db
        .transaction(async (m) => {
          await m.query('ALTER TABLE bulletins DROP CONSTRAINT fk_bulletins_created_by_id');
          await m.query(
            `INSERT INTO bulletins (council_id, period_start, period_end, source, created_by_id, summary, content)
           VALUES ($1, now(), now(), 'manual', $2, '{}', '{}')`,
            [w.councilId, NOWHERE],
          );
          const e = await m.query(orphanProofSql(BULLETIN_KEYS)).then(
            () => null,
            (x: any) => x,
          );
          throw Object.assign(new Error('roll back the planted orphan'), { proof: e });
        })
        .catch((x: any) => x.proof);
      expect(err?.message).toContain('bulletins.created_by_id: 1 row(s) refer to no row of people');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'fk_bulletins_created_by_id'`);
      expect(n).toBe(1);
    });
  });
});
