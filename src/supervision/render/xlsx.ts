import ExcelJS from 'exceljs';
import type { BulletinContent } from '../bulletin-content';
import { sections } from './sections';

/** One sheet per section, headers in bold, numbers as numbers. */
export async function renderXlsx(c: BulletinContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = `${c.councilName}督查通报`;
  for (const s of sections(c)) {
    const sheet = book.addWorksheet(s.title);
    sheet.addRow(s.headers).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
    sheet.columns.forEach(
      (col, i) => (col.width = Math.min(50, Math.max(8, ...s.rows.map((r) => String(r[i] ?? '').length * 2), s.headers[i].length * 2))),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
