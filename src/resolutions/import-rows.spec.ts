import ExcelJS from 'exceljs';
import { ImportFileError, normaliseDate, readImportFile } from './import-rows';

describe('normaliseDate: dates as typed in Chinese minutes', () => {
  it.each<[string, string]>([
    ['2026-12-31', '2026-12-31'],
    ['2026/12/31', '2026-12-31'],
    ['2026/6/3', '2026-06-03'],
    ['2026.06.30', '2026-06-30'],
    ['2026年6月30日', '2026-06-30'],
    ['2026 年 6 月 30 日', '2026-06-30'],
    ['2026年12月31', '2026-12-31'],
    // Left alone for validation to name: not a date in any of these spellings.
    ['2026-12-31T18:00:00+08:00', '2026-12-31T18:00:00+08:00'],
    ['31/12/2026', '31/12/2026'],
    ['年底前', '年底前'],
    ['2026/13/45', '2026-13-45'],
  ])('%s → %s', (text, expected) => {
    expect(normaliseDate(text)).toBe(expected);
  });
});

describe('readImportFile', () => {
  const csv = (text: string) => Buffer.from(text, 'utf8');

  it('numbers rows as a spreadsheet does: blank lines count, a cell over two lines does not', async () => {
    const rows = await readImportFile(csv('\ufeff标题,说明\r\n甲,一\r\n\r\n"乙","两行\n说明"\r\n丙,三\r\n'), 'a.csv');
    expect(rows).toEqual([
      { row: 2, cells: { title: '甲', description: '一' }, unreadable: [] },
      { row: 4, cells: { title: '乙', description: '两行\n说明' }, unreadable: [] },
      { row: 5, cells: { title: '丙', description: '三' }, unreadable: [] },
    ]);
  });

  it('reads headers in English or Chinese, whatever their case and spacing, and ignores other columns', async () => {
    const rows = await readImportFile(
      csv('序号,Lead Organization,co_organizations,DUE AT,决定事项,责任人\n1,城建办,管委会,2026/6/30,打通断头路,张三\n'),
      'a.csv',
    );
    expect(rows).toEqual([
      {
        row: 2,
        cells: { leadOrganization: '城建办', coOrganizations: '管委会', dueAt: '2026-06-30', title: '打通断头路', owner: '张三' },
        unreadable: [],
      },
    ]);
  });

  it('finds the header row below a banner', async () => {
    const rows = await readImportFile(csv('2026年第一次联席会议决定事项\n\n标题,完成时限\n甲,2026-06-30\n'), 'a.csv');
    expect(rows).toEqual([{ row: 4, cells: { title: '甲', dueAt: '2026-06-30' }, unreadable: [] }]);
  });

  it('reads an XLSX by sheet row, dates from date cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['标题', '完成时限', '优先级']);
    sheet.addRow(['甲', new Date(Date.UTC(2026, 5, 30)), '紧急']);
    sheet.addRow([]);
    sheet.addRow(['乙', '2026年7月1日', 2]);
    const rows = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    expect(rows).toEqual([
      { row: 2, cells: { title: '甲', dueAt: '2026-06-30', priority: '紧急' }, unreadable: [] },
      { row: 4, cells: { title: '乙', dueAt: '2026-07-01', priority: '2' }, unreadable: [] },
    ]);
  });

  it('names a date cell beyond the calendar in its field, and ignores one in a column it does not read', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['标题', '完成时限', '备注']);
    sheet.addRow(['甲', 1e20, 1e20]);
    for (const col of [2, 3]) sheet.getRow(2).getCell(col).numFmt = 'yyyy-mm-dd';
    const rows = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    expect(rows).toEqual([{ row: 2, cells: { title: '甲' }, unreadable: ['dueAt'] }]);
  });

  it.each<[string, Buffer]>([
    ['empty', Buffer.alloc(0)],
    ['only blank lines', csv('\n\n,,\n')],
    ['no title column', csv('说明,责任人\nx,y\n')],
    ['the header row too far down', csv('a\nb\nc\nd\ne\n标题\n甲\n')],
    ['an unterminated quote', csv('标题\n"甲\n')],
  ])('refuses a file that is %s', async (_label, buffer) => {
    await expect(readImportFile(buffer, 'f.csv')).rejects.toBeInstanceOf(ImportFileError);
  });
});
