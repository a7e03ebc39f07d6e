import { stringify } from 'csv-stringify/sync';
import type { BulletinContent } from '../bulletin-content';
import { bulletinTitle, sections } from './sections';

/**
 * Every section one after another (a title row, the headers, the rows, a blank line), in UTF-8 with
 * a byte-order mark so Excel and WPS open the Chinese text correctly.
 */
export function renderCsv(c: BulletinContent): Buffer {
  const rows: (string | number)[][] = [[bulletinTitle(c)], []];
  for (const s of sections(c)) rows.push([`【${s.title}】`], s.headers, ...s.rows, []);
  return Buffer.from(`\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`, 'utf8');
}
