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

/**
 * The columns worth a place in the table: those the file filled in, those with a problem, and the
 * title always. A secretary's list rarely has all eight, and empty columns would push the rest off screen.
 */
export function visibleColumns(preview: Preview): ImportColumn[] {
  return IMPORT_COLUMNS.filter((col) => col === 'title' || preview.rows.some((r) => r.cells[col] !== undefined || r.problems[col]?.length));
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The server's messages are English; the common ones are put in the person's words (the column
 * already names the field, so its name is dropped). Anything else is shown as the server wrote it.
 */
const MESSAGE_PATTERNS: [RegExp, string][] = [
  [/^\w+ is required$/, 'required'],
  [/^\w+: no organization named "(.+)"$/, 'noOrganization'],
  [/^\w+: no person named "(.+)"/, 'noPerson'],
  [/^\w+: several organizations are named "(.+)"/, 'ambiguousOrganization'],
  [/^\w+: several persons are named "(.+)"/, 'ambiguousPerson'],
  [/^\w+: "(.+)" is not a member organization of this council$/, 'notMember'],
  [/^\w+: "(.+)" does not work in a member organization of this council$/, 'notMemberPerson'],
  [/^\w+: must not include the lead organization$/, 'coIncludesLead'],
  [/^\w+: the cell holds a date outside the calendar$/, 'badDate'],
];

export function describeIssue(message: string, t: Translate): string {
  for (const [pattern, key] of MESSAGE_PATTERNS) {
    const m = pattern.exec(message);
    if (m) return t(`meetings.issues.${key}`, { name: m[1] ?? '' });
  }
  return message;
}

/** Bad rows first, so a secretary sees what to fix without scrolling a long list. */
export function badRowsFirst(rows: PreviewRow[]): PreviewRow[] {
  return [...rows.filter((r) => !r.ok), ...rows.filter((r) => r.ok)];
}

/** How many rows the preview table draws: a 20,000-row file would freeze the browser in one table. */
export const PREVIEW_LIMIT = 200;

/** The rows to draw, bad ones first, at most `limit`; `hidden` says how many more there are. */
export function rowsToShow(rows: PreviewRow[], limit = PREVIEW_LIMIT): { shown: PreviewRow[]; hidden: number } {
  const ordered = badRowsFirst(rows);
  return { shown: ordered.slice(0, limit), hidden: Math.max(0, ordered.length - limit) };
}
