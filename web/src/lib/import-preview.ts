/**
 * The import preview: the dry run's answer (`POST /meetings/:id/resolutions/import?dryRun=true`) laid out
 * as one table row per spreadsheet row, each bad cell carrying its messages. Pure, so it is tested alone.
 */

/** The columns of an import file, in the order the preview shows them (the server's field names). */
export const IMPORT_COLUMNS = [
  'title',
  'description',
  'category',
  'priority',
  'leadOrganization',
  'coOrganizations',
  'owner',
  'dueAt',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export interface ImportIssue {
  row?: number;
  field: string;
  message: string;
}

export interface DryRunAnswer {
  valid: boolean;
  rows: number;
  errors: ImportIssue[];
  preview: { row: number; cells: Record<string, string> }[];
}

export interface PreviewRow {
  row: number;
  cells: Record<string, string>;
  /** Messages per column; a problem with no column of its own (e.g. `coOrganizationIds`) is under `other`. */
  problems: Partial<Record<ImportColumn | 'other', string[]>>;
  ok: boolean;
}

export interface Preview {
  rows: PreviewRow[];
  /** Problems with the file as a whole (row 0): unreadable, no header, too many rows. */
  fileProblems: string[];
  badRows: number;
  canImport: boolean;
}

/** Validation names the registration fields; the file has the people's columns. */
const FIELD_TO_COLUMN: Record<string, ImportColumn> = {
  leadOrganizationId: 'leadOrganization',
  coOrganizationIds: 'coOrganizations',
  ownerId: 'owner',
};

export function columnOf(field: string): ImportColumn | 'other' {
  const column = FIELD_TO_COLUMN[field] ?? field;
  return (IMPORT_COLUMNS as readonly string[]).includes(column) ? (column as ImportColumn) : 'other';
}

export function buildPreview(answer: DryRunAnswer): Preview {
  const byRow = new Map<number, PreviewRow>();
  for (const { row, cells } of answer.preview) byRow.set(row, { row, cells, problems: {}, ok: true });
  const fileProblems: string[] = [];
  for (const issue of answer.errors) {
    const rowNumber = issue.row ?? 0;
    if (rowNumber === 0) {
      fileProblems.push(issue.message);
      continue;
    }
    let row = byRow.get(rowNumber);
    if (!row) {
      row = { row: rowNumber, cells: {}, problems: {}, ok: true };
      byRow.set(rowNumber, row);
    }
    const column = columnOf(issue.field);
    (row.problems[column] ??= []).push(issue.message);
    row.ok = false;
  }
  const rows = [...byRow.values()].sort((a, b) => a.row - b.row);
  const badRows = rows.filter((r) => !r.ok).length;
  return { rows, fileProblems, badRows, canImport: answer.valid && fileProblems.length === 0 && badRows === 0 && rows.length > 0 };
}

/** Bad rows first, so a secretary sees what to fix without scrolling a long list. */
export function badRowsFirst(rows: PreviewRow[]): PreviewRow[] {
  return [...rows.filter((r) => !r.ok), ...rows.filter((r) => r.ok)];
}
