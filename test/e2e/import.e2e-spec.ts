/* eslint-disable @typescript-eslint/no-explicit-any */
import ExcelJS from 'exceljs';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

/** A CSV as Excel saves it for Chinese users: UTF-8 with a BOM, CRLF line ends. */
function csv(rows: string[][]): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from(`\ufeff${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('决定事项');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(as: ApiClient, meetingId: string, file: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  return as.raw('POST', `/meetings/${meetingId}/resolutions/import`, form);
}

describe('POST /meetings/:id/resolutions/import: CSV or XLSX, all rows or none', () => {
  let t: TestApp;
  let w: World;
  /** Names as a secretary types them: units by name, people by name or username. */
  const names = { lead: '', co: '', second: '', owner: '', ownerUsername: '', coHandler: '' };
  /** A second co-handling unit, made a member of the council (co-handlers must be members). */
  let secondCo: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    names.lead = (await ok(t.admin.get(`/organizations/${w.orgs.lead}`), 200)).name;
    names.co = (await ok(t.admin.get(`/organizations/${w.orgs.co}`), 200)).name;
    const second = await ok(t.admin.post('/organizations', { name: `第二协办单位 ${w.councilId.slice(0, 8)}`, kind: 'company' }));
    secondCo = second.id;
    names.second = second.name;
    const council = await ok(t.admin.get(`/councils/${w.councilId}`), 200);
    await ok(t.admin.patch(`/councils/${w.councilId}`, { memberOrganizationIds: [...council.memberOrganizationIds, secondCo] }), 200);
    const owner = await ok(t.admin.get(`/people/${w.ids.owner}`), 200);
    names.owner = owner.name;
    names.ownerUsername = owner.username;
    names.coHandler = (await ok(t.admin.get(`/people/${w.ids.coHandler}`), 200)).name;
  });
  afterAll(() => t.close());

  /** A meeting of its own per test, so counts are the test's alone. */
  const newMeeting = async () =>
    (
      await ok(
        w.as.secretary.post(`/councils/${w.councilId}/meetings`, {
          title: '导入测试会议',
          kind: 'regular',
          heldAt: '2026-03-01T09:00:00+08:00',
        }),
      )
    ).id as string;
  const countIn = async (meetingId: string) =>
    (await t.db.query('SELECT count(*)::int AS n FROM resolutions WHERE meeting_id = $1', [meetingId]))[0].n as number;
  const eventCount = async () =>
    (await t.db.query('SELECT count(*)::int AS n FROM events WHERE council_id = $1', [w.councilId]))[0].n as number;
  const councilSeq = async () => (await t.db.query('SELECT resolution_seq AS n FROM councils WHERE id = $1', [w.councilId]))[0].n as number;

  /** Imports must change nothing when refused: no resolution, no event, no number used up. */
  async function expectRejectedWithoutTrace(meetingId: string, file: Buffer, filename: string) {
    const before = { resolutions: await countIn(meetingId), events: await eventCount(), seq: await councilSeq() };
    const res = await upload(w.as.secretary, meetingId, file, filename);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, created: 0, errors: expect.any(Array), details: expect.any(Array) });
    expect({ resolutions: await countIn(meetingId), events: await eventCount(), seq: await councilSeq() }).toEqual(before);
    return res.body as { errors: { row: number; field: string; message: string }[] };
  }

  it('a CSV with Chinese headers and a BOM registers every row with names resolved', async () => {
    const meetingId = await newMeeting();
    const file = csv([
      ['决定事项', '说明', '类别', '优先级', '牵头单位', '协办单位', '责任人', '完成时限'],
      ['清理项目X的拆迁障碍', '两个月内完成', '城市建设', '紧急', names.lead, names.co, names.owner, '2026/6/30'],
      ['7月1日前开放公园', '', '民生', '一般', names.lead, '', names.ownerUsername, '2026年6月30日'],
      ['共建联合课堂', '含"党课"与讲座', '', '重要', '', '', '', '2026-12-31'],
    ]);
    const res = await upload(w.as.secretary, meetingId, file, '决定事项.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 3, errors: [] });
    const [a, b, c] = await Promise.all(res.body.items.map((i: any) => ok(w.as.secretary.get(`/resolutions/${i.id}`), 200)));
    expect(a).toMatchObject({
      title: '清理项目X的拆迁障碍',
      description: '两个月内完成',
      category: '城市建设',
      priority: 'urgent',
      status: 'registered',
      meetingId,
      leadOrganizationId: w.orgs.lead,
      coOrganizationIds: [w.orgs.co],
      ownerId: w.ids.owner,
      // A date is the end of that day in the council's zone (Asia/Shanghai).
      dueAt: '2026-06-30T15:59:59.999Z',
    });
    expect(b).toMatchObject({ priority: 'normal', ownerId: w.ids.owner, coOrganizationIds: [], dueAt: '2026-06-30T15:59:59.999Z' });
    expect(c).toMatchObject({
      title: '共建联合课堂',
      description: '含"党课"与讲座',
      priority: 'high',
      leadOrganizationId: null,
      ownerId: null,
      dueAt: '2026-12-31T15:59:59.999Z',
    });
  });

  it('an XLSX built in memory, with a banner row above the headers, a date cell and 、-separated co-handlers', async () => {
    const meetingId = await newMeeting();
    const file = await xlsx([
      ['2026年第一次联席会议决定事项清单'],
      ['Title', 'Priority', 'Lead Organization', 'Co-Organizations', 'Owner', 'Due At'],
      ['打通断头路', 'high', names.lead, `${names.co}、${names.second}`, w.ids.owner, new Date(Date.UTC(2026, 8, 30))],
      ['建设口袋公园', 'URGENT', w.orgs.lead, names.co, names.ownerUsername, '2026-10-31T18:00:00+08:00'],
    ]);
    const res = await upload(w.as.secretary, meetingId, file, 'decisions.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(2);
    const [a, b] = await Promise.all(res.body.items.map((i: any) => ok(w.as.secretary.get(`/resolutions/${i.id}`), 200)));
    expect(a).toMatchObject({
      title: '打通断头路',
      priority: 'high',
      leadOrganizationId: w.orgs.lead,
      ownerId: w.ids.owner,
      dueAt: '2026-09-30T15:59:59.999Z',
    });
    expect([...a.coOrganizationIds].sort()).toEqual([w.orgs.co, secondCo].sort());
    expect(b).toMatchObject({
      priority: 'urgent',
      leadOrganizationId: w.orgs.lead,
      coOrganizationIds: [w.orgs.co],
      dueAt: '2026-10-31T10:00:00.000Z',
    });
  });

  it('numbers are consecutive, continue after the last one, and every created item has its registration event', async () => {
    const meetingId = await newMeeting();
    const before = await ok(w.as.secretary.post(`/meetings/${meetingId}/resolutions`, { title: '导入前登记的事项' }));
    const rows = Array.from({ length: 12 }, (_, i) => [`第${i + 1}项决定`, names.lead]);
    const res = await upload(w.as.secretary, meetingId, csv([['标题', '牵头单位'], ...rows]), 'list.csv');
    expect(res.status).toBe(201);
    const numbers = res.body.items.map((i: any) => i.number);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => before.number + 1 + i));
    expect(res.body.items.map((i: any) => i.title)).toEqual(rows.map((r) => r[0]));
    const after = await ok(w.as.secretary.post(`/meetings/${meetingId}/resolutions`, { title: '导入后登记的事项' }));
    expect(after.number).toBe(before.number + 13);
    for (const item of res.body.items) {
      const events = await ok(w.as.secretary.get(`/resolutions/${item.id}/events`), 200);
      expect(events.items.map((e: any) => [e.action, e.actorId])).toEqual([['resolution.registered', w.ids.secretary]]);
    }
    expect((await ok(w.as.supervisor.get(`/councils/${w.councilId}/audit/verify`), 200)).ok).toBe(true);
  });

  it('one bad row among good ones: 400 naming that row and field, and nothing is created', async () => {
    const meetingId = await newMeeting();
    await ok(w.as.secretary.post(`/meetings/${meetingId}/resolutions`, { title: '已有事项' }));
    const file = csv([
      ['标题', '优先级', '完成时限'],
      ['第一项', '紧急', '2026-06-30'],
      ['第二项', '重要', '2026-07-31'],
      [],
      ['第三项', '一般', '2026-02-30'],
      ['第四项', '', ''],
    ]);
    const body = await expectRejectedWithoutTrace(meetingId, file, 'list.csv');
    // Row 4 is blank; the spreadsheet row of the bad date is 5.
    expect(body.errors).toEqual([{ row: 5, field: 'dueAt', message: expect.stringContaining('dueAt') }]);
    expect(await countIn(meetingId)).toBe(1);
  });

  it('the same bad row in an XLSX is reported by its sheet row', async () => {
    const meetingId = await newMeeting();
    const file = await xlsx([
      ['title', 'priority'],
      ['good', 'normal'],
      ['bad', 'critical'],
      ['good again', 'high'],
    ]);
    const body = await expectRejectedWithoutTrace(meetingId, file, 'list.xlsx');
    expect(body.errors).toEqual([{ row: 3, field: 'priority', message: expect.stringContaining('priority') }]);
  });

  it('unknown organization and owner names are reported row by row, field by field', async () => {
    const meetingId = await newMeeting();
    const file = csv([
      ['标题', '牵头单位', '协办单位', '责任人'],
      ['甲', '不存在的单位', names.co, names.owner],
      ['乙', names.lead, `${names.co};查无此单位`, '查无此人'],
      ['丙', names.lead, '', ''],
    ]);
    const body = await expectRejectedWithoutTrace(meetingId, file, 'names.csv');
    expect(body.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'leadOrganization'],
      [3, 'coOrganizations'],
      [3, 'owner'],
    ]);
    expect(body.errors[0].message).toContain('不存在的单位');
    expect(body.errors[2].message).toContain('查无此人');
  });

  it('a name two people share is reported as ambiguous, not unknown', async () => {
    const meetingId = await newMeeting();
    const shared = `同名 ${w.councilId.slice(0, 6)}`;
    for (const u of ['a', 'b'])
      await ok(
        t.admin.post('/people', {
          username: `twin-${u}-${w.councilId.slice(0, 6)}`,
          password: 'password-123',
          name: shared,
          organizationId: w.orgs.lead,
        }),
      );
    const body = await expectRejectedWithoutTrace(
      meetingId,
      csv([
        ['标题', '责任人'],
        ['事项', shared],
      ]),
      'twins.csv',
    );
    expect(body.errors).toEqual([{ row: 2, field: 'owner', message: expect.stringContaining('several') }]);
  });

  it('the lead unit listed again as a co-handler is refused, as in registration one by one', async () => {
    const meetingId = await newMeeting();
    const body = await expectRejectedWithoutTrace(
      meetingId,
      csv([
        ['标题', '牵头单位', '协办单位'],
        ['事项', names.lead, `${names.co}、${names.lead}`],
      ]),
      'dup.csv',
    );
    expect(body.errors.map((e) => [e.row, e.field])).toEqual([[2, 'coOrganizations']]);
  });

  it('a row without a title, a title too long and an unknown priority word all count', async () => {
    const meetingId = await newMeeting();
    const body = await expectRejectedWithoutTrace(
      meetingId,
      csv([
        ['标题', '优先级', '说明'],
        ['', '紧急', '没有标题'],
        ['事'.repeat(501), '', ''],
        ['事项', '非常紧急', ''],
      ]),
      'rows.csv',
    );
    expect(body.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'title'],
      [3, 'title'],
      [4, 'priority'],
    ]);
  });

  it.each<[string, () => Promise<Buffer> | Buffer, string]>([
    ['an empty file', () => Buffer.alloc(0), 'empty.csv'],
    ['a BOM and nothing else', () => Buffer.from('\ufeff', 'utf8'), 'bom.csv'],
    ['headers only', () => csv([['标题', '责任人']]), 'headers.csv'],
    [
      'no title column',
      () =>
        csv([
          ['说明', '责任人'],
          ['x', 'y'],
        ]),
      'no-title.csv',
    ],
    ['an empty workbook', () => xlsx([]), 'empty.xlsx'],
    ['a PNG named .csv', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image.csv'],
    ['a broken XLSX', () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 1)]), 'broken.xlsx'],
  ])('%s → 400 naming the file', async (_label, make, filename) => {
    const meetingId = await newMeeting();
    const body = await expectRejectedWithoutTrace(meetingId, await make(), filename);
    expect(body.errors).toEqual([{ row: 0, field: 'file', message: expect.any(String) }]);
  });

  it.each<[string, 'supervisor' | 'chair' | 'owner' | 'leadLeader']>([
    ['a supervisor', 'supervisor'],
    ['the chair', 'chair'],
    ['the owner', 'owner'],
    ['a lead unit leader', 'leadLeader'],
  ])('%s (not a secretary) gets 403 and nothing is created', async (_label, who) => {
    const meetingId = await newMeeting();
    const res = await upload(w.as[who], meetingId, csv([['标题'], ['事项']]), 'list.csv');
    expect(res.status).toBe(403);
    expect(await countIn(meetingId)).toBe(0);
  });

  it('an outsider gets 404, as for an unknown meeting', async () => {
    const meetingId = await newMeeting();
    const outsider = await upload(w.as.outsider, meetingId, csv([['标题'], ['事项']]), 'list.csv');
    expect(outsider.status).toBe(404);
    const unknown = await upload(w.as.secretary, '00000000-0000-4000-8000-000000000000', csv([['标题'], ['事项']]), 'list.csv');
    expect(unknown.status).toBe(404);
    expect({ outsider: outsider.body.code, unknown: unknown.body.code }).toEqual({
      outsider: 'MEETING_NOT_FOUND',
      unknown: 'MEETING_NOT_FOUND',
    });
    expect(await countIn(meetingId)).toBe(0);
  });

  it('without a token: 401', async () => {
    const meetingId = await newMeeting();
    expect((await upload(t.anonymous, meetingId, csv([['标题'], ['事项']]), 'list.csv')).status).toBe(401);
  });
});
