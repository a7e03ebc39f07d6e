/** Values for the fuzz: what a field accepts (from its rules) and everything it should refuse. */
import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../../src/councils/policy';
import { b64url, type Fixture, type IdKind, type Pool } from './fixture';
import type { FieldSpec } from './operations';

/** Stands for "the version the resolution of this path has now", filled in when the request is sent. */
export const CURRENT_VERSION = '<current version>';

/** Texts that often break services: SQL and LIKE metacharacters, NUL, lone surrogates, BOM, templates. */
export const SPECIAL_TEXTS = [
  '',
  ' ',
  '\\',
  '%',
  '_',
  '%_\\',
  "'",
  '"',
  "'; DROP TABLE resolutions; --",
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\ufeff',
  '\ud800',
  '😀',
  '𠀀',
  'null',
  'undefined',
  '<script>alert(1)</script>',
  '${7*7}',
  '\r\n',
  '=1+1',
  '   padded   ',
];

/** Dates and instants: valid, impossible, out of every range, without an offset, not dates at all. */
export const DATE_TEXTS = [
  '2026-12-31',
  '2027-02-28',
  '2026-03-02',
  '2026-02-29',
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '1969-12-31',
  '9999-12-31',
  '2100-01-01',
  '+275760-09-13',
  '-271821-04-20',
  '2026-03-02T09:00:00+08:00',
  '2026-03-01T09:00:00Z',
  '2026-03-01T24:00:00+08:00',
  '2026-03-01T09:00:00+14:00',
  '2026-03-01T09:00:00-12:00',
  '2026-03-01T09:00:00+23:59',
  '2026-03-01T09:00:00.123456789+08:00',
  '2026-03-01T09:00:00',
  '2026-03-01 09:00:00+08:00',
  '9999-12-31T23:59:59+08:00',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '20261231',
  '2026-W10-1',
  '2026-060',
  'P1D',
  'tomorrow',
];

/**
 * Dates and instants the API accepts (time-text.ts: years 1900–2999, offsets up to ±23:59), the
 * extremes first: the first and last day, instants whose offset moves them out of that range in UTC.
 */
const acceptedInstantText = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1900-01-01T00:00:00+23:59',
      '2999-12-31T23:59:59.999999-23:59',
      '2026-03-02T09:00:00+08:00',
      '2026-03-01T00:00:00Z',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -1439, max: 1439 }),
      )
      .map(([d, offset]) => {
        const sign = offset < 0 ? '-' : '+';
        const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        return `${d.toISOString().slice(0, 19)}${sign}${hhmm}`;
      }),
  },
);
export const acceptedDateText = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('1900-01-01', '2999-12-31', '2026-03-02', '2026-02-28', '2028-02-29') },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-30T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 2, arbitrary: acceptedInstantText },
);

/** Any date-like text: accepted ones, the refused ones above, and any JS date (years up to ±275760). */
const dateText = fc.oneof(
  { weight: 3, arbitrary: acceptedDateText },
  { weight: 3, arbitrary: fc.constantFrom(...DATE_TEXTS) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);

/** IANA zones, with the unusual offsets (+05:45, +14:00, -03:30, a zone whose DST offset is +2 h). */
const TIME_ZONES = [
  'Asia/Shanghai',
  'UTC',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
  'Antarctica/Troll',
  'Australia/Lord_Howe',
  'Etc/GMT+12',
  'Europe/Dublin',
];

/**
 * A text near the field's limits: short and plain, special, exactly at the maximum (in ASCII letters,
 * in Chinese characters of three UTF-8 bytes, in emoji of two UTF-16 units). Unless strict, also one
 * past the maximum, and with NUL characters and lone surrogates.
 */
export function textArb(min: number, max: number, strict: boolean): fc.Arbitrary<string> {
  const fits = (text: string) => [...text].length >= min && [...text].length <= max && !text.includes('\u0000');
  const specials = SPECIAL_TEXTS.filter((text) => !strict || fits(text));
  const long = ['x'.repeat(max), '查'.repeat(max), '😀'.repeat(max), ...(strict ? [] : ['x'.repeat(max + 1)])];
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: Math.max(min, 1), maxLength: Math.min(max, 30) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 30) }) },
    ...(specials.length ? [{ weight: 2, arbitrary: fc.constantFrom(...specials) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...long) },
    ...(strict ? [] : [{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }]),
  );
}

/** Field name → which kind of real id it probably wants (a wrong kind is still sent now and then). */
function idKindOfField(name: string): IdKind | undefined {
  if (/organization/i.test(name)) return 'organizations';
  if (/owner|chair|secretar|supervisor|inspector|attendee|leader/i.test(name)) return 'people';
  if (/council/i.test(name)) return 'councils';
  if (/meeting/i.test(name)) return 'meetings';
  if (/parent/i.test(name)) return 'resolutions';
  return undefined;
}

/** Mostly a real id of the kind wanted, sometimes another real one or a random UUID; unless strict, odd UUID spellings. */
export function idArb(pool: Pool, kind: IdKind | undefined, strict = false): fc.Arbitrary<string> {
  const all = Object.values(pool).flat();
  const right = kind ? pool[kind] : [];
  return fc.oneof(
    ...(right.length ? [{ weight: strict ? 12 : 6, arbitrary: fc.constantFrom(...right) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: strict ? 1 : 2, arbitrary: fc.uuid() },
    ...(strict
      ? []
      : [
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '00000000-0000-0000-0000-000000000000',
              'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
              `${all[0]}x`,
              all[0].toUpperCase(),
              all[0].replace(/-/g, ''),
            ),
          },
        ]),
  );
}

/** Values of no particular field: every JSON type, extremes, deep nesting, huge strings. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SPECIAL_TEXTS, 'true', '1', '[]', '{}', '2026-12-31'),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constantFrom(8, 64, 500).map((depth) => nested(depth)),
  fc.constantFrom(10_000, 200_000).map((n) => 'x'.repeat(n)),
);

/** `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep, built as a value (deeper ones are sent as text, see Payload). */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A reminder policy: the defaults with keys replaced by valid, extreme and wrong values. */
export function policyArb(): fc.Arbitrary<Record<string, unknown>> {
  const offset = fc.constantFrom(
    'P3D',
    'PT2H',
    '-P1D',
    '3wd',
    '-1wd',
    'PT0S',
    'P0D',
    '0wd',
    'P99999D',
    'P1000Y',
    '-P1000Y',
    '999999wd',
    '-999999wd',
    'P1Y2M3DT4H5M6S',
    'PT0.5S',
    'P1W',
    '3WD',
    'wd',
    'P',
    'PT',
    '1.5wd',
    ' P3D',
    '+3wd',
  );
  const cron = fc.constantFrom(
    '0 17 * * 5',
    '* * * * *',
    '0 0 31 2 *',
    '0 0 30 2 *',
    '59 23 31 12 *',
    '*/0 * * * *',
    '0 0 * * 8',
    '0 0 29 2 1',
    '@yearly',
    '0 0 1 1 * 2099',
    '60 25 * * *',
  );
  const clock = fc.constantFrom('00:00', '23:59', '08:00', '24:00', '9:00', '');
  const value = (key: string): fc.Arbitrary<unknown> => {
    const original = fc.constant((DEFAULT_POLICY as Record<string, unknown>)[key]);
    const variants: Record<string, fc.Arbitrary<unknown>> = {
      calendar: fc.constantFrom('cn', 'weekdays', 'all', 'gregorian'),
      quietHours: fc.oneof(fc.constant(null), fc.record({ start: clock, end: clock })),
      warningWindow: offset,
      acceptance: fc.record({ within: offset, remindEvery: offset }),
      beforeDue: fc.array(offset, { maxLength: 12 }),
      escalation: fc.array(
        fc.record({
          after: offset,
          level: fc.integer({ min: -1, max: 4 }),
          notify: fc.array(fc.constantFrom('owner', 'leadLeader', 'coLeaders', 'supervisors', 'chair', 'secretaries', 'nobody'), {
            maxLength: 3,
          }),
        }),
        { maxLength: 4 },
      ),
      progressReport: fc.oneof(fc.constant(null), fc.record({ cron, grace: offset })),
      stagnation: fc.oneof(fc.constant(null), offset),
      bulletin: fc.oneof(fc.constant(null), fc.record({ cron })),
      maxExtensions: fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(1e9)),
    };
    return fc.oneof(
      { weight: 2, arbitrary: original },
      { weight: 4, arbitrary: variants[key] ?? junkValue },
      { weight: 1, arbitrary: junkValue },
    );
  };
  const keys = Object.keys(DEFAULT_POLICY);
  const base = fc.record(Object.fromEntries(keys.map((k) => [k, value(k)])), { requiredKeys: [] });
  return fc
    .tuple(base, fc.option(fc.record({ normal: base, high: base, urgent: base, other: base }, { requiredKeys: [] }), { freq: 3 }))
    .map(([policy, overrides]) => (overrides ? { ...policy, overrides } : policy));
}

const constraint = (spec: FieldSpec, rule: string, fallback: number) => (spec.rules.get(rule)?.[0] as number | undefined) ?? fallback;

/**
 * A value the field's rules accept — extreme ones included (a deadline in 2999, a title of exactly the
 * maximum length in emoji): those pass validation and reach the service and the database. Unless
 * strict, boundaries are crossed on purpose now and then.
 */
export function valueArb(spec: FieldSpec, fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<unknown> {
  const r = spec.rules;
  if (spec.name === 'version') {
    return fc.oneof(
      { weight: strict ? 6 : 3, arbitrary: fc.constant(CURRENT_VERSION) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 15 }) },
      { weight: 1, arbitrary: fc.constantFrom(2_000_000_000, ...(strict ? [] : [0, 2_000_000_001])) },
    );
  }
  if (spec.nested) return objectArb(spec.nested, fx, pool, strict);
  if (r.has('isIn')) return fc.constantFrom(...(r.get('isIn')![0] as unknown[]));
  if (r.has('isUuid') && spec.eachRules.has('isUuid'))
    return fc.array(idArb(pool, idKindOfField(spec.name), strict), {
      minLength: strict ? constraint(spec, 'arrayMinSize', 0) : 0,
      maxLength: 4,
    });
  if (r.has('isUuid')) return idArb(pool, idKindOfField(spec.name), strict);
  if (r.has('isInt')) {
    const [min, max] = [constraint(spec, 'min', -1000), constraint(spec, 'max', 1000)];
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max, ...(strict ? [] : [min - 1, max + 1])) },
    );
  }
  if (r.has('isBoolean')) return fc.boolean();
  if (r.has('isInstant')) return strict ? acceptedInstantText : dateText;
  if (r.has('isDeadline')) return strict ? acceptedDateText : dateText;
  if (r.has('isTimeZone'))
    return strict
      ? fc.constantFrom(...TIME_ZONES)
      : fc.oneof(fc.constantFrom(...TIME_ZONES), fc.constantFrom('Asia/Beijing', 'utc+8', '+08:00', 'Local', ''));
  if (r.has('isCursor'))
    return strict
      ? fc.constantFrom(...fx.cursors)
      : fc.oneof(
          fc.constantFrom(...fx.cursors),
          fc.jsonValue({ maxDepth: 2 }).map(b64url),
          fc.tuple(dateText, idArb(pool, undefined)).map(b64url),
        );
  if (r.has('isEmail')) return strict ? fc.emailAddress() : fc.oneof(fc.emailAddress(), fc.constantFrom(...SPECIAL_TEXTS));
  if (r.has('isUrl')) {
    const urls = fc.oneof(
      fc.webUrl({ validSchemes: ['http', 'https'] }),
      fc.constantFrom(
        'http://127.0.0.1:1/hook',
        'http://169.254.169.254/latest/meta-data',
        'https://localhost',
        'http://[::1]/',
        'https://例子.测试/路径',
      ),
    );
    return strict ? urls : fc.oneof(urls, fc.constantFrom('ftp://x.example', 'http://', 'javascript:alert(1)'));
  }
  if (r.has('matches'))
    return strict
      ? fc.stringMatching(r.get('matches')![0] as RegExp)
      : fc.oneof(fc.stringMatching(r.get('matches')![0] as RegExp), textArb(0, 64, false));
  if (r.has('isObject') || spec.name === 'policy') return strict ? policyArb() : fc.oneof(policyArb(), junkValue);
  if (spec.name === 'token')
    return strict ? fc.constantFrom(...fx.calendarTokens) : fc.oneof(fc.constantFrom(...fx.calendarTokens), textArb(0, 64, false));
  if (r.has('isString') || r.has('maxLength')) return textArb(constraint(spec, 'minLength', 0), constraint(spec, 'maxLength', 200), strict);
  return fc.jsonValue({ maxDepth: 2 });
}

const ABSENT = Symbol('absent');
export const junkKey = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'isAdmin', 'status', 'version ', 'Title', ''),
);

/** Sets a key as a real own key of the JSON: `body.__proto__ = …` would set the object's prototype instead. */
function setKey(body: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A JSON object over the fields. Strict: every required field and half the optional ones, with values
 * their rules accept. Otherwise: required fields mostly there, values now and then anything at all,
 * and an unknown key now and then.
 */
export function objectArb(fields: FieldSpec[], fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<Record<string, unknown>> {
  const value = (f: FieldSpec) =>
    strict
      ? valueArb(f, fx, pool, true)
      : fc.oneof({ weight: 4, arbitrary: valueArb(f, fx, pool, false) }, { weight: 1, arbitrary: junkValue });
  const presence = (f: FieldSpec) => (strict && f.required ? value(f) : fc.option(value(f), { nil: ABSENT, freq: f.required ? 10 : 2 }));
  const entries = fields.map((f) => presence(f).map((v) => [f.name, v] as const));
  const extra = strict ? fc.constant({}) : fc.option(fc.dictionary(junkKey, junkValue, { minKeys: 1, maxKeys: 2 }), { nil: {}, freq: 8 });
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, unknown]) => {
    const body: Record<string, unknown> = {};
    for (const [name, v] of pairs) if (v !== ABSENT) body[name] = v;
    for (const [name, v] of Object.entries(unknown)) setKey(body, name, v);
    return body;
  });
}

/** An accepted body with exactly one thing wrong: a field junk, null or missing, or one unknown key. */
export function mutatedObjectArb(fields: FieldSpec[], fx: Fixture, pool: Pool): fc.Arbitrary<Record<string, unknown>> {
  const mutation = fc.constantFrom('junk' as const, 'null' as const, 'drop' as const, 'extra' as const);
  return fc.tuple(objectArb(fields, fx, pool, true), fc.nat(), mutation, junkValue, junkKey).map(([body, n, how, junk, key]) => {
    const out = { ...body };
    const name = fields.length ? fields[n % fields.length].name : key;
    if (how === 'drop') delete out[name];
    else setKey(out, how === 'extra' ? key : name, how === 'null' ? null : junk);
    return out;
  });
}
