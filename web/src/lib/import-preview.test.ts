import { describe, expect, it } from 'vitest';
import { badRowsFirst, buildPreview, columnOf } from './import-preview';

describe('import preview', () => {
  it('puts each problem under its row and column, validation names mapped to the file columns', () => {
    const preview = buildPreview({
      valid: false,
      rows: 3,
      preview: [
        { row: 2, cells: { title: '修缮老旧小区', leadOrganization: '住建局' } },
        { row: 3, cells: { leadOrganization: '不存在的单位', dueAt: '明年' } },
        { row: 4, cells: { title: '打通断头路', owner: '张三' } },
      ],
      errors: [
        { row: 3, field: 'title', message: 'title is required' },
        { row: 3, field: 'leadOrganization', message: 'leadOrganization: no organization named "不存在的单位"' },
        { row: 3, field: 'dueAt', message: 'dueAt must be a date' },
        { row: 4, field: 'ownerId', message: 'ownerId must be a UUID' },
        { row: 4, field: 'confidential', message: 'odd' },
      ],
    });
    expect(preview.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(preview.rows[1].problems).toEqual({
      title: ['title is required'],
      leadOrganization: ['leadOrganization: no organization named "不存在的单位"'],
      dueAt: ['dueAt must be a date'],
    });
    expect(preview.rows[2].problems).toEqual({ owner: ['ownerId must be a UUID'], other: ['odd'] });
    expect(preview).toMatchObject({ badRows: 2, canImport: false, fileProblems: [] });
    expect(badRowsFirst(preview.rows).map((r) => r.row)).toEqual([3, 4, 2]);
  });

  it('a file-level problem (row 0) is shown apart and blocks the import', () => {
    const preview = buildPreview({ valid: false, rows: 0, preview: [], errors: [{ row: 0, field: 'file', message: 'the file is empty' }] });
    expect(preview).toEqual({ rows: [], fileProblems: ['the file is empty'], badRows: 0, canImport: false });
  });

  it('a clean file can be imported; an empty preview cannot', () => {
    expect(buildPreview({ valid: true, rows: 1, preview: [{ row: 2, cells: { title: 'x' } }], errors: [] }).canImport).toBe(true);
    expect(buildPreview({ valid: true, rows: 0, preview: [], errors: [] }).canImport).toBe(false);
  });

  it('maps field names to columns', () => {
    expect([columnOf('coOrganizationIds'), columnOf('priority'), columnOf('file')]).toEqual(['coOrganizations', 'priority', 'other']);
  });
});

describe('import preview columns and words', () => {
  it('shows the title, the filled columns and those with problems only', async () => {
    const { visibleColumns } = await import('./import-preview');
    const preview = buildPreview({
      valid: false,
      rows: 2,
      preview: [
        { row: 2, cells: { title: 'a', dueAt: '2026-06-30' } },
        { row: 3, cells: {} },
      ],
      errors: [{ row: 3, field: 'ownerId', message: 'x' }],
    });
    expect(visibleColumns(preview)).toEqual(['title', 'owner', 'dueAt']);
  });

  it("puts the server's common messages in the person's words, others as written", async () => {
    const { describeIssue } = await import('./import-preview');
    const t = (key: string, values?: Record<string, unknown>) => `${key}${values?.name ? `(${String(values.name)})` : ''}`;
    expect(describeIssue('title is required', t)).toBe('meetings.issues.required');
    expect(describeIssue('leadOrganization: no organization named "不存在的单位"', t)).toBe('meetings.issues.noOrganization(不存在的单位)');
    expect(describeIssue('owner: no person named "张三" among the people of this council (or give the username)', t)).toBe(
      'meetings.issues.noPerson(张三)',
    );
    expect(describeIssue('dueAt must be a date', t)).toBe('dueAt must be a date');
  });
});

describe('a long file', () => {
  it('draws at most the limit, bad rows first, and counts the rest', async () => {
    const { rowsToShow } = await import('./import-preview');
    const rows = Array.from({ length: 500 }, (_, i) => ({ row: i + 2, cells: { title: `t${i}` }, problems: {}, ok: i !== 400 }));
    const { shown, hidden } = rowsToShow(rows, 200);
    expect(shown).toHaveLength(200);
    expect(shown[0].row).toBe(402);
    expect(hidden).toBe(300);
  });
});
