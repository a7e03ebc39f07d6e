/** Requests for the fuzz: path, query, payload and caller of one operation. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { WORKFLOW_RULES, type Actor, type WorkflowAction } from '../../../src/resolutions/resolution-workflow';
import { type Caller, type Fixture, type IdKind, PERSON_KEYS, type Pool, type Who } from './fixture';
import type { FieldSpec, Operation } from './operations';
import {
  acceptedDateText,
  DATE_TEXTS,
  idArb,
  junkKey,
  mutatedObjectArb,
  objectArb,
  policyArb,
  SPECIAL_TEXTS,
  textArb,
  valueArb,
} from './values';

/**
 * How far a request strays: `valid` is what the operation accepts (extremes included), `mutated` has
 * exactly one thing wrong, `wild` anything goes. Valid requests get past validation into the services
 * and the database, where the 5xx hide; wild ones test the edges of parsing and validation.
 */
type Mode = 'valid' | 'mutated' | 'wild';

/** Percent-encodes the UTF-8 bytes of a text (lone surrogates become U+FFFD, as a browser would send them). */
function pct(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Path segments a route should refuse: sent verbatim (already URL-shaped), so `%zz` arrives as `%zz`. */
const JUNK_SEGMENTS = [
  '0',
  '1',
  '-1',
  '1e308',
  '9'.repeat(400),
  'abc',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%00',
  'a%00b',
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  '%20',
  pct('事项'),
  pct('😀'),
  'x'.repeat(3000),
  ';',
  '*',
  "'%20OR%201=1--",
];

const junkSegment = fc.oneof(fc.constantFrom(...JUNK_SEGMENTS), fc.string({ unit: 'binary', maxLength: 20 }).map(pct));

/** A value for `{name}` in the template: real ids of the kind the segment before it names; unless strict, junk too. */
function pathParamArb(template: string, name: string, pool: Pool, strict: boolean): fc.Arbitrary<string> {
  const before = template.split(`/{${name}}`)[0].split('/').pop() ?? '';
  // Calendar overrides are global and outlive this file's app: only years no other test (nor the
  // published holiday data) uses, and afterAll removes them.
  const wanted =
    name === 'date'
      ? fc.oneof(
          fc.constantFrom('2098-02-28', '2098-10-01', '0001-01-01', '9999-12-31'),
          fc
            .date({ min: new Date('2101-01-01'), max: new Date('2200-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        )
      : idArb(
          pool,
          (Object.keys(pool) as IdKind[]).find((k) => k === before),
          strict,
        );
  if (strict) return wanted;
  const wrongDates = fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '20261001', 'tomorrow', '+275760-09-13');
  return fc.oneof(
    { weight: 3, arbitrary: wanted },
    { weight: 1, arbitrary: name === 'date' ? fc.oneof(wrongDates, junkSegment) : junkSegment },
  );
}

function pathArb(op: Operation, fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<string> {
  const fill = (values: string[]) => op.pathParams.reduce((path, p, i) => path.replace(`{${p}}`, values[i]), op.template);
  const independent = fc.tuple(...op.pathParams.map((p) => pathParamArb(op.template, p, pool, strict))).map(fill);
  // An extension request is only found under its own resolution: pick the two together most of the time.
  const paired = op.pathParams.join() === 'id,rid' && fx.extensionPairs.length > 0;
  return paired
    ? fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...fx.extensionPairs).map((pair) => fill([...pair])) },
        { weight: 1, arbitrary: independent },
      )
    : independent;
}

/** Query fragments sent verbatim: bad percent-encoding, bracket syntax, prototype keys, empty pairs. */
const RAW_QUERY_FRAGMENTS = [
  '&&',
  '=',
  '==1',
  'a',
  '%',
  '%zz=1',
  'limit',
  'limit[]=1',
  'limit[a]=1',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'a=%00',
  'q=%E0%A4%A',
  'x=1;y=2',
];

const junkQueryValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1.5',
    '1e400',
    '99999999999999999999999',
    'NaN',
    'Infinity',
    'true',
    'null',
    '[]',
    '{}',
    '\\',
    '%',
    '_',
    "'",
    '查'.repeat(300),
    'x'.repeat(5000),
  ),
  fc.constantFrom(...DATE_TEXTS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer().map(String),
  fc.double().map(String),
);

const pair = (name: string, value: string) => `${pct(name)}=${pct(value)}`;

/** `name=value` pairs for one field: a value its rules accept; unless strict, junk or the key repeated (an array). */
function queryPairsArb(spec: FieldSpec, fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<string[]> {
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const accepted = valueArb(spec, fx, pool, strict).map((v) => (Array.isArray(v) ? v.map(text) : [text(v)]));
  const values = strict
    ? accepted
    : fc.oneof(
        { weight: 4, arbitrary: accepted },
        { weight: 2, arbitrary: junkQueryValue.map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(junkQueryValue, { minLength: 2, maxLength: 3 }) },
      );
  return values.map((vs) => vs.map((v) => pair(spec.name, v)));
}

/** One thing wrong in a query: a documented parameter with a junk value, an unknown one, or a raw fragment. */
function queryMistakeArb(op: Operation): fc.Arbitrary<string> {
  return fc.oneof(
    ...(op.query.length ? [fc.tuple(fc.constantFrom(...op.query.map((f) => f.name)), junkQueryValue).map(([k, v]) => pair(k, v))] : []),
    fc.tuple(junkKey, junkQueryValue).map(([k, v]) => pair(k, v)),
    fc.constantFrom(...RAW_QUERY_FRAGMENTS),
  );
}

function queryArb(op: Operation, fx: Fixture, pool: Pool, mode: Mode): fc.Arbitrary<string> {
  const strict = mode !== 'wild';
  // Strict: each optional filter a third of the time, so that lists combine a few and still find rows.
  const documented = op.query.map((f) => {
    const pairs = queryPairsArb(f, fx, pool, strict);
    if (f.required) return strict ? pairs : fc.option(pairs, { nil: [], freq: 10 });
    return fc.oneof({ weight: strict ? 2 : 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: pairs });
  });
  const extra =
    mode === 'valid'
      ? fc.constant([])
      : mode === 'mutated'
        ? queryMistakeArb(op).map((m) => [m])
        : fc.option(fc.array(queryMistakeArb(op), { minLength: 1, maxLength: 2 }), { nil: [], freq: 3 });
  return fc.tuple(fc.tuple(...documented), extra).map(([pairs, more]) => [...pairs.flat(), ...more].join('&'));
}

/** One file of a multipart upload. */
export type FileSpec =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Quoting `all` or `needed` (RFC 4180), or `none`: quotes and commas inside cells left as typed. */
  | { kind: 'csv'; rows: string[][]; bom: boolean; eol: string; quoting: 'all' | 'needed' | 'none' }
  | { kind: 'xlsx'; rows: XlsxCell[][] };
interface XlsxCell {
  value: ExcelJS.CellValue;
  numFmt?: string;
}
type FormPart = { field: string; filename: string; type: string; file: FileSpec } | { field: string; value: string };

export type Payload =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  /** Raw text with a content type of the request's choosing (none: fetch's text/plain). */
  | { kind: 'text'; text: string; contentType?: string }
  /** Raw bytes with no content type at all. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** JSON nested deeper than a value can be built and stringified here: written out as text when sent. */
  | { kind: 'deep'; field: string; depth: number; shape: 'array' | 'object' }
  /** A JSON object just over the body limit. */
  | { kind: 'oversize' }
  | { kind: 'multipart'; parts: FormPart[] };

const RAW_BODIES = [
  '{',
  '{"a":',
  '{"a": 1,}',
  '[',
  '{}}',
  'null',
  'true',
  '0',
  '-',
  '"',
  '"\\ud800"',
  'NaN',
  'Infinity',
  'undefined',
  "{'a': 1}",
  '{"a": 01}',
  '{"version": 1e999}',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '\ufeff{}',
  '{"title":"\\u0000"}',
  ' ',
  '{"title": "x"}garbage',
  '{"title":"x","title":"y"}',
  '<xml/>',
  'a=1&b=2',
  '\u0000',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'image/png',
  '*/*',
  ';;;',
  'application/json; boundary',
];

const rawTextPayload: fc.Arbitrary<Payload> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...RAW_BODIES), fc.json({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 60 })),
    fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 5 }),
  )
  .map(([text, contentType]) => ({ kind: 'text', text, contentType }));

/** Headers and cells an import file may hold: every alias, near misses, names that exist, junk. */
const IMPORT_HEADERS = [
  'title',
  '标题',
  '决定事项',
  '事项',
  'description',
  '说明',
  'category',
  '类别',
  'priority',
  '优先级',
  'leadOrganization',
  '牵头单位',
  'coOrganizations',
  '协办单位',
  '配合单位',
  'owner',
  '责任人',
  'dueAt',
  'deadline',
  '完成时限',
  '截止日期',
  'lead_organization',
  ' Title ',
  'TITLE',
  '备注',
];
const IMPORT_CELLS = [
  '紧急',
  '重要',
  '一般',
  'urgent',
  'HIGH',
  'x',
  '2026/6/30',
  '2026年6月30日',
  '2026.12.31',
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
  '+275760-09-13',
  '2026-12-31T23:59:59+08:00',
  '45000',
  '甲;乙',
  '甲、乙，丙',
  '"',
  '""',
  '@SUM(A1)',
  'x'.repeat(501),
  '查'.repeat(600),
];

function importCell(fx: Fixture): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...IMPORT_HEADERS, ...IMPORT_CELLS, ...fx.organizationNames, ...fx.personNames) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_TEXTS) },
    { weight: 1, arbitrary: idArb(fx.main, undefined) },
  );
}

function importRows<T>(header: fc.Arbitrary<T>, cell: fc.Arbitrary<T>): fc.Arbitrary<T[][]> {
  const headerRow = fc.array(header, { minLength: 1, maxLength: 8 });
  const banner = fc.option(fc.array(cell, { maxLength: 2 }), { nil: undefined, freq: 4 });
  return fc
    .tuple(banner, headerRow, fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 5 }))
    .map(([b, h, rows]) => [...(b ? [b] : []), h, ...rows]);
}

function fileSpecArb(fx: Fixture): fc.Arbitrary<FileSpec> {
  const cell = importCell(fx);
  const header = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...IMPORT_HEADERS) }, { weight: 1, arbitrary: cell });
  const xlsxValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
    { weight: 4, arbitrary: cell },
    { weight: 1, arbitrary: fc.double({ noNaN: true }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.date({ min: new Date('1900-03-01'), max: new Date('9999-12-31'), noInvalidDate: true }) },
    { weight: 1, arbitrary: fc.tuple(cell, cell).map(([formula, result]) => ({ formula: `"${formula.replace(/"/g, '')}"`, result })) },
    { weight: 1, arbitrary: cell.map((text) => ({ richText: [{ text }, { text: '!' }] })) },
    { weight: 1, arbitrary: cell.map((text) => ({ text, hyperlink: 'https://example.com/' })) },
    { weight: 1, arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '#REF!').map((error): ExcelJS.CellErrorValue => ({ error })) },
  );
  const xlsxCell = fc.record(
    { value: xlsxValue, numFmt: fc.option(fc.constantFrom('yyyy-mm-dd', '0.00', '@', 'yyyy"年"m"月"d"日"'), { nil: undefined, freq: 3 }) },
    { requiredKeys: ['value'] },
  );
  // A number formatted as a date reads back as a Date, far beyond any real one when the number is huge.
  const hugeDateCell = fc.constantFrom(1e20, -1e6, 2958466, 1e308).map((value) => ({ value, numFmt: 'yyyy-mm-dd' }));
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('csv' as const),
        rows: importRows(header, cell),
        bom: fc.boolean(),
        eol: fc.constantFrom('\r\n', '\n', '\r'),
        quoting: fc.constantFrom('all' as const, 'needed' as const, 'none' as const),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('xlsx' as const),
        rows: importRows<XlsxCell>(
          header.map((value) => ({ value })),
          fc.oneof({ weight: 6, arbitrary: xlsxCell }, { weight: 1, arbitrary: hugeDateCell }),
        ),
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    // A zip's magic number with nothing after it: read as an XLSX, whatever the name says.
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 500 })
        .map((tail) => ({ kind: 'bytes' as const, bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]) })),
    },
  );
}

/**
 * A file a secretary could really upload: a header row with the title column and some others, rows of
 * values each column accepts (names that exist, dates in the ways people type them), as CSV or XLSX.
 */
function acceptedImportArb(fx: Fixture): fc.Arbitrary<FileSpec> {
  const cellOf: Record<string, fc.Arbitrary<string>> = {
    决定事项: textArb(1, 500, true),
    说明: textArb(0, 300, true),
    类别: textArb(0, 100, true),
    优先级: fc.constantFrom('紧急', '重要', '一般', 'normal', 'high', 'urgent'),
    牵头单位: fc.constantFrom(...fx.organizationNames),
    协办单位: fc.subarray(fx.organizationNames, { minLength: 1 }).map((names) => names.join('、')),
    责任人: fc.constantFrom(...fx.personNames),
    完成时限: fc.oneof(acceptedDateText, fc.constantFrom('2026/6/30', '2026年6月30日', '2026.12.31', '2026 / 7 / 1')),
  };
  const columns = fc.subarray(Object.keys(cellOf).slice(1)).map((others) => ['决定事项', ...others]);
  const table = columns.chain((cols) =>
    fc.array(fc.tuple(...cols.map((c) => cellOf[c])), { minLength: 1, maxLength: 4 }).map((rows) => [cols, ...rows]),
  );
  return fc.oneof(
    fc.record({
      kind: fc.constant('csv' as const),
      rows: table,
      bom: fc.boolean(),
      eol: fc.constantFrom('\r\n', '\n'),
      quoting: fc.constantFrom('all' as const, 'needed' as const),
    }),
    table.map((rows): FileSpec => ({ kind: 'xlsx', rows: rows.map((row) => row.map((value) => ({ value }))) })),
  );
}

function acceptedMultipartArb(fx: Fixture): fc.Arbitrary<Payload> {
  const filePart = fc.record({
    field: fc.constant('file'),
    filename: fc.constantFrom('决定事项.csv', 'decisions.csv'),
    type: fc.constant('text/csv'),
    file: acceptedImportArb(fx),
  });
  // The name says .csv either way: an XLSX is recognised by its zip header, as import-rows.ts reads it.
  return filePart.map((part): Payload => ({ kind: 'multipart', parts: [part] }));
}

function multipartArb(fx: Fixture): fc.Arbitrary<Payload> {
  const filename = fc.constantFrom(
    'decisions.csv',
    '决定事项.csv',
    'a.xlsx',
    'A.XLSX',
    'noext',
    '',
    '../../etc/passwd',
    `${'x'.repeat(300)}.csv`,
    'evil".csv',
    '😀.csv',
    'a.csv\u0000.xlsx',
  );
  const type = fc.constantFrom(
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/octet-stream',
    '',
  );
  const fileField = fc.oneof(
    { weight: 8, arbitrary: fc.constant('file') },
    { weight: 1, arbitrary: fc.constantFrom('File', 'upload', '', 'file[]') },
  );
  const filePart: fc.Arbitrary<FormPart> = fc.record({ field: fileField, filename, type, file: fileSpecArb(fx) });
  const fieldPart: fc.Arbitrary<FormPart> = fc.record({
    field: fc.constantFrom('file', 'notes', 'meetingId', ''),
    value: fc.string({ maxLength: 20 }),
  });
  const extras = fc.array(fc.oneof({ weight: 3, arbitrary: fieldPart }, { weight: 1, arbitrary: filePart }), { maxLength: 2 });
  const manyFields = fc.constant(Array.from({ length: 12 }, (_, i): FormPart => ({ field: `f${i}`, value: 'x' })));
  return fc
    .tuple(fc.oneof({ weight: 8, arbitrary: extras }, { weight: 1, arbitrary: manyFields }), filePart, fc.boolean())
    .map(([others, file, fileFirst]) => ({ kind: 'multipart' as const, parts: fileFirst ? [file, ...others] : [...others, file] }));
}

function wildPayloadArb(op: Operation, fx: Fixture, pool: Pool): fc.Arbitrary<Payload> {
  const field = op.bodyFields[0]?.name ?? 'x';
  const documented = op.freeFormBody ? policyArb() : objectArb(op.bodyFields, fx, pool, false);
  return fc.oneof(
    ...(op.body === 'multipart' ? [{ weight: 24, arbitrary: multipartArb(fx) }] : []),
    { weight: op.body === 'none' ? 2 : 10, arbitrary: documented.map((value): Payload => ({ kind: 'json', value })) },
    {
      weight: 2,
      arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 })).map((value): Payload => ({ kind: 'json', value })),
    },
    { weight: 2, arbitrary: rawTextPayload },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): Payload => ({ kind: 'bytes', bytes })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ depth: fc.constantFrom(1_000, 3_000, 10_000, 100_000), shape: fc.constantFrom('array' as const, 'object' as const) })
        .map(({ depth, shape }): Payload => ({ kind: 'deep', field, depth, shape })),
    },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: 'oversize' }) },
  );
}

function payloadArb(op: Operation, fx: Fixture, pool: Pool, mode: Mode): fc.Arbitrary<Payload> {
  // fetch sends no body with GET or HEAD; the API documents no DELETE or OPTIONS (they are sent undocumented, below).
  if (op.method === 'GET' || op.method === 'HEAD' || op.method === 'DELETE' || op.method === 'OPTIONS')
    return fc.constant({ kind: 'none' });
  if (mode === 'wild') return wildPayloadArb(op, fx, pool);
  if (op.body === 'multipart') return mode === 'valid' ? acceptedMultipartArb(fx) : multipartArb(fx);
  if (op.body === 'none') return mode === 'valid' ? fc.constant({ kind: 'none' }) : rawTextPayload;
  if (op.freeFormBody) return policyArb().map((value): Payload => ({ kind: 'json', value }));
  const body = mode === 'valid' ? objectArb(op.bodyFields, fx, pool, true) : mutatedObjectArb(op.bodyFields, fx, pool);
  return body.map((value): Payload => ({ kind: 'json', value }));
}

/** Every kind of caller; the roles that may do the most (admin, supervisor, secretary, owner) a little more often. */
function callerArb(fx: Fixture, favoured?: Who): fc.Arbitrary<Caller> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<Who>('admin', 'supervisor', 'secretary', 'owner').map((who): Caller => ({ who })) },
    { weight: 9, arbitrary: fc.constantFrom(...PERSON_KEYS).map((who): Caller => ({ who })) },
    { weight: 1, arbitrary: fc.constant<Caller>({ who: 'anonymous' }) },
    { weight: 1, arbitrary: fc.constantFrom(...fx.forged).map((authorization): Caller => ({ who: 'forged', authorization })) },
    ...(favoured ? [{ weight: 9, arbitrary: fc.constant<Caller>({ who: favoured }) }] : []),
  );
}

/** The workflow action of a transition endpoint, by its last path segment (resolution-workflow.ts names the rules). */
const ACTION_OF_SEGMENT: Record<string, WorkflowAction> = {
  assign: 'assign',
  reassign: 'reassign',
  accept: 'accept',
  progress: 'progress',
  'extension-requests': 'request_extension',
  approve: 'decide_extension',
  reject: 'decide_extension',
  'completion-request': 'request_completion',
  verify: 'verify',
  return: 'return',
  cancel: 'cancel',
  urge: 'urge',
  checks: 'check',
  children: 'add_child',
};

const CALLER_OF_ACTOR: Record<Actor, Who> = {
  admin: 'admin',
  chair: 'chair',
  secretary: 'secretary',
  supervisor: 'supervisor',
  owner: 'owner',
  co_handler: 'coHandler',
  lead_leader: 'leadLeader',
  co_leader: 'coLeader',
  lead_member: 'leadMember',
};

/**
 * For a transition, a valid request mostly comes from an actor the workflow allows, on a resolution in
 * a status the action starts from (WORKFLOW_RULES): by chance alone, one run in a hundred would get
 * past the service's checks, and the database writes behind them would go unfuzzed.
 */
function workflowBias(
  op: Operation,
  fx: Fixture,
  caller: fc.Arbitrary<Caller>,
  path: fc.Arbitrary<string>,
): { caller: fc.Arbitrary<Caller>; path: fc.Arbitrary<string> } {
  const action =
    op.method === 'POST' && op.template.startsWith('/api/v1/resolutions/{id}/')
      ? ACTION_OF_SEGMENT[op.template.split('/').pop() ?? '']
      : undefined;
  if (!action) return { caller, path };
  const rule = WORKFLOW_RULES[action];
  const actors = fc.constantFrom(...rule.actors.map((a) => CALLER_OF_ACTOR[a])).map((who): Caller => ({ who }));
  const startable = fx.main.resolutions.filter((id) => (rule.from as readonly string[]).includes(fx.statuses.get(id) ?? ''));
  const onStartable =
    op.pathParams.length === 1 && startable.length > 0
      ? [{ weight: 3, arbitrary: fc.constantFrom(...startable).map((id) => op.template.replace('{id}', id)) }]
      : [];
  return {
    caller: fc.oneof({ weight: 3, arbitrary: actors }, { weight: 1, arbitrary: caller }),
    path: fc.oneof(...onStartable, { weight: 1, arbitrary: path }),
  };
}

export interface FuzzRequest {
  mode: Mode;
  caller: Caller;
  path: string;
  query: string;
  payload: Payload;
}

export function requestArb(op: Operation, fx: Fixture): fc.Arbitrary<FuzzRequest> {
  const pool = op.sacrificial ? fx.sacrificial : fx.main;
  // Only a secretary of the council may import: without the favour most uploads would stop at a 403.
  const favoured = op.body === 'multipart' ? 'secretary' : undefined;
  const caller = callerArb(fx, favoured);
  const inMode = (mode: Mode) => {
    const plain = { caller, path: pathArb(op, fx, pool, mode !== 'wild') };
    const { caller: who, path } = mode === 'wild' ? plain : workflowBias(op, fx, plain.caller, plain.path);
    return fc.record({
      mode: fc.constant(mode),
      caller: who,
      path,
      query: queryArb(op, fx, pool, mode),
      payload: payloadArb(op, fx, pool, mode),
    });
  };
  return fc.oneof(
    { weight: 3, arbitrary: inMode('valid') },
    { weight: 3, arbitrary: inMode('mutated') },
    { weight: 4, arbitrary: inMode('wild') },
  );
}
