import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { zipInflationProblem } from './zip-inflation';

/** Column headers accepted in an import file, English or Chinese, mapped to registration fields. */
const HEADER_ALIASES: Record<string, string> = {
  title: 'title',
  标题: 'title',
  决定事项: 'title',
  事项: 'title',
  description: 'description',
  说明: 'description',
  内容: 'description',
  category: 'category',
  类别: 'category',
  priority: 'priority',
  优先级: 'priority',
  leadorganization: 'leadOrganization',
  牵头单位: 'leadOrganization',
  coorganizations: 'coOrganizations',
  协办单位: 'coOrganizations',
  配合单位: 'coOrganizations',
  owner: 'owner',
  责任人: 'owner',
  dueat: 'dueAt',
  deadline: 'dueAt',
  完成时限: 'dueAt',
  截止日期: 'dueAt',
};

/** `unreadable`: fields whose cell could not be read (a date cell beyond the calendar), for a row error. */
export type ImportRow = { row: number; cells: Record<string, string>; unreadable: string[] };

/** Stands for a cell that cannot be read; XLSX text never holds NUL, so no real cell equals it. */
const UNREADABLE = '\u0000unreadable';

export class ImportFileError extends Error {}

function normaliseHeader(h: string): string | undefined {
  const key = h
    .trim()
    .replace(/[\s_-]/g, '')
    .toLowerCase();
  return HEADER_ALIASES[key] ?? HEADER_ALIASES[h.trim()];
}

/** Minutes often carry a banner row or two ("2026年第一次联席会议决定事项") above the column names. */
const HEADER_SEARCH_ROWS = 5;

/** Bounds of one import file: decision rows, spreadsheet rows (blank ones included) and an XLSX's inflated size. */
export interface ImportLimits {
  maxRows: number;
  maxInflatedBytes: number;
}

/**
 * Reads a CSV or XLSX file into rows keyed by field; `row` is the spreadsheet's row number. Past
 * the bounds it stops with an ImportFileError at once: an XLSX whose zip inflates too far is
 * refused before it is parsed, a CSV as soon as it has too many rows while it is parsed.
 */
export async function readImportFile(buffer: Buffer, filename: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<ImportRow[]> {
  const isXlsx = /\.xlsx$/i.test(filename) || buffer.subarray(0, 2).toString('latin1') === 'PK';
  // Blank lines count as rows (they keep the numbering); twice the decision rows leaves room for them.
  const maxRecords = limits.maxRows * 2 + HEADER_SEARCH_ROWS;
  const table = isXlsx ? await readXlsx(buffer, limits.maxInflatedBytes) : await readCsv(buffer, maxRecords);
  if (table.length > maxRecords) throw new ImportFileError(tooManyRows(limits.maxRows));
  if (!table.some((r) => r.some((cell) => String(cell ?? '').trim() !== ''))) throw new ImportFileError('the file is empty');
  const headerIndex = table.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.some((h) => normaliseHeader(String(h ?? '')) === 'title'));
  if (headerIndex < 0)
    throw new ImportFileError(`one of the first ${HEADER_SEARCH_ROWS} rows must name the columns and include "title" (or 标题 / 决定事项)`);
  const headers = table[headerIndex].map((h) => normaliseHeader(String(h ?? '')));
  const rows: ImportRow[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells: Record<string, string> = {};
    const unreadable: string[] = [];
    (table[i] ?? []).forEach((value, j) => {
      const field = headers[j];
      if (value === UNREADABLE) {
        if (field) unreadable.push(field);
        return;
      }
      const text = value === null || value === undefined ? '' : String(value).trim();
      if (field && text !== '') cells[field] = field === 'dueAt' ? normaliseDate(text) : text;
    });
    if (Object.keys(cells).length > 0 || unreadable.length > 0) rows.push({ row: i + 1, cells, unreadable });
    if (rows.length > limits.maxRows) throw new ImportFileError(tooManyRows(limits.maxRows));
  }
  return rows;
}

const DEFAULT_LIMITS: ImportLimits = { maxRows: 20_000, maxInflatedBytes: 32 * 1_048_576 };

const tooManyRows = (max: number) => `at most ${max} rows per file`;

/** How much of a CSV is parsed before the parser lets other requests run. */
const CSV_CHUNK_BYTES = 8 * 1024;
const MAX_CSV_RECORD_BYTES = 64 * 1024;

/**
 * Dates as people type them in Chinese minutes: 2026/12/31, 2026.12.31, 2026年12月31日 → 2026-12-31.
 * Anything else is left as typed, for validation to name.
 */
export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/**
 * Blank lines are kept (and skipped later) so that record i is spreadsheet row i + 1, as the person who
 * opens the file in a spreadsheet sees it; a quoted cell spanning lines is still one row.
 */
async function readCsv(buffer: Buffer, maxRecords: number): Promise<string[][]> {
  // One row of more than 64 KiB is no list of decisions (and a field growing chunk by chunk costs more the longer it gets).
  const parser = parse({
    bom: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_CSV_RECORD_BYTES,
  });
  const table: string[][] = [];
  // Set from the parser's events (a holder, so TypeScript does not narrow it to null in between).
  const state: { failure: ImportFileError | null } = { failure: null };
  parser.on('data', (record: string[]) => {
    // Stop counting (and holding) rows as soon as there are too many; the caller names the limit.
    if (table.length <= maxRecords) table.push(record);
  });
  parser.on('error', (err: Error) => (state.failure ??= new ImportFileError(`the CSV cannot be read: ${err.message}`)));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  // Streamed a chunk at a time, each followed by a turn of the event loop: a big file never holds it long.
  for (let at = 0; at < buffer.length && !state.failure && table.length <= maxRecords; at += CSV_CHUNK_BYTES) {
    parser.write(buffer.subarray(at, at + CSV_CHUNK_BYTES));
    await nextTurn();
  }
  if (state.failure) throw state.failure;
  if (table.length > maxRecords) {
    parser.destroy();
    return table;
  }
  parser.end();
  await ended;
  // (Set by the parser's 'error' event while it flushed: read again, past TypeScript's narrowing.)
  const late = state.failure as ImportFileError | null;
  if (late) throw late;
  return table;
}

async function readXlsx(buffer: Buffer, maxInflatedBytes: number): Promise<string[][]> {
  const problem = await zipInflationProblem(buffer, maxInflatedBytes);
  if (problem) throw new ImportFileError(problem);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new ImportFileError(`the XLSX cannot be read: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value) ?? UNREADABLE;
    });
    table[rowNumber - 1] = values;
  });
  return Array.from(table, (r) => r ?? []);
}

/** A cell as text; null for a date cell whose serial number is no date (beyond what a Date can hold). */
function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('error' in value) return value.error;
    return '';
  }
  return String(value);
}
