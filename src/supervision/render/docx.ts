import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { BulletinContent } from '../bulletin-content';
import { bulletinTitle, localDate, sections, summaryParagraph, type Cell } from './sections';

const cell = (value: Cell, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(value), bold })] })] });

/** The document councils circulate: title, period, a summary paragraph, then one table per section. */
export async function renderDocx(c: BulletinContent): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(bulletinTitle(c))] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun(`通报期间：${localDate(c.periodStart, c.timezone)} 至 ${localDate(c.periodEnd, c.timezone)}`)],
    }),
    new Paragraph({ children: [new TextRun(summaryParagraph(c))] }),
  ];
  for (const s of sections(c)) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.title)] }));
    if (s.rows.length === 0) {
      body.push(new Paragraph({ children: [new TextRun('无')] }));
      continue;
    }
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: s.headers.map((h) => cell(h, true)) }),
          ...s.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
        ],
      }),
    );
  }
  return Packer.toBuffer(new Document({ title: bulletinTitle(c), sections: [{ children: body }] }));
}
