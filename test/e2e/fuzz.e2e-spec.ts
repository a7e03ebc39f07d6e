/**
 * Fuzz: no request a client can send is answered with a 5xx.
 *
 * Every operation of the service's own OpenAPI document (GET /docs-json) is sent requests that
 * fast-check generates from what the operation documents and validates: path parameters (real ids of
 * objects in every workflow state, random UUIDs, junk), query strings (documented parameters with
 * right and wrong values, unknown parameters, repeated keys, bad percent-encoding), JSON bodies built
 * from the operation's DTO fields (extreme but accepted values, then one thing wrong, then anything:
 * wrong types, nulls, missing and unknown fields, deep nesting, huge strings), raw malformed JSON and
 * wrong content types, bodies over the limit, and for the import endpoint uploaded files (real CSV and
 * XLSX, broken ones, random bytes) — by every kind of caller: each council role, the admin, nobody,
 * and forged tokens. Every path is also sent the methods it does not document. For every answer it
 * proves:
 *   - the status is below 500 (and the server answered at all, within 15 s);
 *   - a 400 or 413 is the JSON error shape whose `details` name at least one field;
 *   - a body over the body limit is refused with 413.
 * No operation is skipped: those that change people, organizations and councils run against a world
 * of their own, so they cannot lock the other operations out.
 *
 * Runs are reproducible: a fixed seed (FUZZ_SEED, default 42; each operation derives its own from it)
 * and a fixed number of runs per operation (FUZZ_RUNS, default 40). A failure shows the method, URL,
 * caller, headers, body, the answer and the server's stack for the request fast-check shrank it to.
 * What it found once (eight kinds of 500 or unnamed 400) is fixed, and each is kept below as the
 * smallest request that showed it.
 *
 * The document served under jest is thin: SWC does not run the @nestjs/swagger CLI plugin, so DTO
 * properties without an explicit @ApiProperty (and most query parameters) are missing from it. The
 * operations therefore come from the document, and each operation's fields are completed from the
 * controller method's @Body() / @Query() types and their class-validator rules — the very metadata the
 * ValidationPipe checks requests against.
 */
import { ConsoleLogger } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { DEFAULT_POLICY } from '../../src/councils/policy';
import { WORKFLOW_RULES, type Actor, type WorkflowAction } from '../../src/resolutions/resolution-workflow';
import type { ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { fieldsOf } from '../support/bad-input/types';
import { buildWorld, ok, resolutionIn, type PersonKey, type World } from '../support/world';

const SEED = Number(process.env.FUZZ_SEED ?? 42);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 40);
/** The import endpoint parses files: it gets more runs than the others. */
const RUNS_FOR_IMPORT = RUNS_PER_OPERATION * 3;
/** Methods a path does not document: each answered by the router alone, a few runs suffice. */
const RUNS_FOR_UNDOCUMENTED = 5;
/** A request the server has not answered by then counts as a failure (a hang is no better than a 500). */
const ANSWER_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// What an operation accepts: the OpenAPI document, completed from the DTOs' class-validator rules.
// ---------------------------------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

interface SchemaObject {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  minimum?: number;
  maximum?: number;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: SchemaObject }[];
  requestBody?: { content: Record<string, { schema?: SchemaObject }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** One field of a body or query: its class-validator rules (name → constraints), e.g. maxLength → [500]. */
interface FieldSpec {
  name: string;
  required: boolean;
  rules: Map<string, unknown[]>;
  /** Rules applied to each element of an array (`{ each: true }`). */
  eachRules: Set<string>;
  /** The fields of a nested DTO (@ValidateNested). */
  nested?: FieldSpec[];
}

interface Operation {
  method: Method;
  /** The path as documented, with the global prefix: `/api/v1/resolutions/{id}/assign`. */
  template: string;
  operationId: string;
  pathParams: string[];
  query: FieldSpec[];
  body: 'json' | 'multipart' | 'none';
  bodyFields: FieldSpec[];
  /** The body is a free-form object (`PUT /councils/{id}/policy`). */
  freeFormBody: boolean;
  /** Changes the directory (people, organizations, councils): works on a world of its own, see buildFixture. */
  sacrificial: boolean;
}

const label = (op: Operation) => `${op.method} ${op.template}`;
/** The operationId of the requests sent with a method the path does not document. */
const UNDOCUMENTED = '(undocumented method)';

/** The seed of one operation's property: fixed, but not the same for all (same seed → same choices everywhere). */
function seedOf(op: Operation): number {
  let hash = 0x811c9dc5; // FNV-1a of the label
  for (const ch of label(op)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (SEED ^ hash) | 0;
}

type Ctor = abstract new (...args: never[]) => unknown;
const isCtor = (value: unknown): value is Ctor => typeof value === 'function' && ![Object, String, Number, Boolean, Array].includes(value as never);

/** The fields of a DTO class, from the class-validator metadata the global ValidationPipe uses. */
function fieldsOfClass(cls: Ctor, depth = 0): FieldSpec[] {
  const byName = new Map<string, FieldSpec>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const spec: FieldSpec = byName.get(m.propertyName) ?? { name: m.propertyName, required: true, rules: new Map(), eachRules: new Set() };
    byName.set(m.propertyName, spec);
    if (m.type === 'conditionalValidation') {
      spec.required = false; // IsOptional / ValidateIf
    } else if (m.type === 'nestedValidation') {
      const type: unknown = Reflect.getMetadata('design:type', cls.prototype as object, m.propertyName);
      if (isCtor(type) && depth < 3) spec.nested = fieldsOfClass(type, depth + 1);
    } else {
      // Built-in rules carry a name; a @Validate(SomeConstraint) rule is known by its class (IsTimeZone → isTimeZone).
      const className = (m.constraintCls as { name?: string } | undefined)?.name;
      const name = m.name ?? (className ? className[0].toLowerCase() + className.slice(1) : undefined);
      if (!name) continue;
      spec.rules.set(name, m.constraints ?? []);
      if (m.each) spec.eachRules.add(name);
    }
  }
  return [...byName.values()];
}

interface RouteFields {
  body: FieldSpec[];
  query: FieldSpec[];
}

/**
 * operationId (`Controller_method`, @nestjs/swagger's default) → the fields its @Body() and @Query()
 * parameters validate, read from the controllers the running application registered.
 */
function routeFields(t: TestApp): Map<string, RouteFields> {
  const out = new Map<string, RouteFields>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Ctor | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as Record<string, { index: number; data?: unknown }> | undefined;
        if (!args) continue;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as unknown[];
        const fields: RouteFields = { body: [], query: [] };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]) as RouteParamtypes;
          const type = types[arg.index];
          if (kind === RouteParamtypes.QUERY && typeof arg.data === 'string') {
            // `@Query('token') token: string`: one named parameter, validated as nothing but a string.
            fields.query.push({ name: arg.data, required: false, rules: new Map([['isString', []]]), eachRules: new Set() });
          } else if (kind === RouteParamtypes.QUERY && isCtor(type)) {
            fields.query.push(...fieldsOfClass(type));
          } else if (kind === RouteParamtypes.BODY && isCtor(type)) {
            fields.body.push(...fieldsOfClass(type));
          }
        }
        out.set(`${controller.name}_${method}`, fields);
      }
    }
  }
  return out;
}

/** A field as the document describes it (no class-validator rules, only the schema's type). */
function fieldOfSchema(name: string, schema: SchemaObject | undefined, required: boolean): FieldSpec {
  const rules = new Map<string, unknown[]>();
  if (schema?.enum) rules.set('isIn', [schema.enum]);
  else if (schema?.type === 'number' || schema?.type === 'integer') {
    rules.set('isInt', []);
    if (schema.minimum !== undefined) rules.set('min', [schema.minimum]);
    if (schema.maximum !== undefined) rules.set('max', [schema.maximum]);
  } else if (schema?.type === 'boolean') rules.set('isIn', [['true', 'false']]);
  else if (schema?.type === 'object') rules.set('isObject', []);
  else if (schema?.type === 'string') rules.set('isString', []);
  return { name, required, rules, eachRules: new Set() };
}

/** Documented fields first, then the DTO's: the DTO's rules win, a field is required if either says so. */
function mergeFields(documented: FieldSpec[], validated: FieldSpec[]): FieldSpec[] {
  const byName = new Map(documented.map((f) => [f.name, f]));
  for (const v of validated) {
    const d = byName.get(v.name);
    byName.set(v.name, d ? { ...v, required: v.required || d.required, rules: v.rules.size ? v.rules : d.rules } : v);
  }
  return [...byName.values()];
}

function resolveSchema(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ? doc.components?.schemas?.[name] : schema;
}

/** Every operation of the document, with what it accepts. */
function operationsOf(doc: OpenApiDocument, fields: Map<string, RouteFields>): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [m, o] of Object.entries(item)) {
      const method = m.toUpperCase() as Method;
      if (!METHODS.includes(method)) continue;
      const params = o.parameters ?? [];
      const validated = fields.get(o.operationId) ?? { body: [], query: [] };
      const content = o.requestBody?.content ?? {};
      const bodySchema = resolveSchema(doc, content['application/json']?.schema);
      const documentedBody = Object.entries(bodySchema?.properties ?? {}).map(([name, s]) => fieldOfSchema(name, s, bodySchema?.required?.includes(name) ?? false));
      ops.push({
        method,
        template,
        operationId: o.operationId,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: mergeFields(
          params.filter((p) => p.in === 'query').map((p) => fieldOfSchema(p.name, p.schema, p.required ?? false)),
          validated.query,
        ),
        body: content['multipart/form-data'] ? 'multipart' : content['application/json'] ? 'json' : 'none',
        bodyFields: mergeFields(documentedBody, validated.body),
        freeFormBody: !!bodySchema && bodySchema.additionalProperties === true && !bodySchema.properties,
        sacrificial: (method === 'PATCH' || method === 'PUT') && /^\/api\/v1\/(organizations|people|councils)\//.test(template),
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// The fixture: real objects for path ids and fields to point at.
// ---------------------------------------------------------------------------------------------

const PERSON_KEYS: PersonKey[] = ['chair', 'secretary', 'supervisor', 'owner', 'leadMember', 'leadLeader', 'coHandler', 'coLeader', 'outsider'];
type Who = PersonKey | 'admin' | 'anonymous' | 'forged';
interface Caller {
  who: Who;
  /** A forged caller's Authorization header (no token the server issued). */
  authorization?: string;
}

type IdKind = 'resolutions' | 'meetings' | 'councils' | 'organizations' | 'people' | 'notifications' | 'extension-requests';
type Pool = Record<IdKind, string[]>;

interface Fixture {
  t: TestApp;
  w: World;
  /** The sacrificial world: its people call the operations that change the directory. */
  spare: World;
  /** Ids of the main world (every operation) and of the sacrificial one (operations that change the directory). */
  main: Pool;
  sacrificial: Pool;
  /** [resolution id, its pending extension request id]: approve / reject need the two to match. */
  extensionPairs: [string, string][];
  /** The last version and status seen of each resolution, so that valid transitions name the current version and a resolution they may start from. */
  versions: Map<string, number>;
  statuses: Map<string, string>;
  /** Cursors real lists returned (each list's, so some are sent to the wrong list). */
  cursors: string[];
  calendarTokens: string[];
  /** Names an import file may refer to (the main world's). */
  organizationNames: string[];
  /** People by name and by username. */
  personNames: string[];
  forged: string[];
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers no client should get past: unsigned, wrongly signed, damaged, other schemes. */
function forgedAuthorizations(w: World): string[] {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const claims = b64url({ sub: w.ids.chair });
  const wrongSignature = createHmac('sha256', 'not-the-secret').update(`${header}.${claims}`).digest('base64url');
  const real = w.as.chair.token!;
  return [
    'Bearer garbage',
    'Bearer ',
    'Bearer',
    'Basic YWRtaW46YWRtaW4=',
    `bearer ${real}`,
    `Bearer ${real}x`,
    `Bearer ${real} ${real}`,
    `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${claims}.`,
    `Bearer ${header}.${claims}.${wrongSignature}`,
    `Bearer ${header}.${b64url({ sub: 'not-a-uuid' })}.${wrongSignature}`,
    `Bearer ${'a'.repeat(8000)}`,
  ];
}

function poolOf(w: World, resolutionIds: string[], extensionIds: string[], notificationIds: string[]): Pool {
  return {
    resolutions: resolutionIds,
    meetings: [w.meetingId],
    councils: [w.councilId],
    organizations: Object.values(w.orgs),
    people: Object.values(w.ids),
    notifications: notificationIds,
    'extension-requests': extensionIds,
  };
}

async function notificationIdsOf(w: World): Promise<string[]> {
  const ids: string[] = [];
  for (const who of ['owner', 'leadLeader', 'coHandler'] as const) {
    const inbox = await ok(w.as[who].get('/notifications?limit=5'), 200);
    ids.push(...inbox.items.map((n: { id: string }) => n.id));
  }
  return ids;
}

interface ResolutionView {
  id: string;
  version: number;
  status: string;
}

const STATES = ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled'] as const;

function remember(fx: Pick<Fixture, 'versions' | 'statuses'>, r: ResolutionView): ResolutionView {
  fx.versions.set(r.id, r.version);
  fx.statuses.set(r.id, r.status);
  return r;
}

/**
 * Resolutions in every state resolutionIn() reaches, plus one in progress with a pending extension
 * request, become the main pool's. Called before each operation that acts on a resolution, because
 * the operations before it moved the old ones on (cancelled them, closed them, bumped their versions).
 */
async function freshResolutions(fx: Fixture): Promise<void> {
  const { w } = fx;
  const fresh: ResolutionView[] = [];
  for (const state of STATES) fresh.push(remember(fx, await resolutionIn(w, state, { title: `模糊测试 ${state}` })));
  const extended = await resolutionIn(w, 'in_progress', { title: '模糊测试 延期' });
  const extension = await ok(w.as.owner.post(`/resolutions/${extended.id}/extension-requests`, { version: extended.version, requestedDueAt: '2027-02-28', reason: '需要更多时间' }));
  fresh.push(remember(fx, await ok(w.as.supervisor.get(`/resolutions/${extended.id}`), 200)));
  const child = remember(fx, await ok(w.as.supervisor.post(`/resolutions/${fresh[0].id}/children`, { title: '分解事项' })));
  fx.main.resolutions = [...fresh.map((r) => r.id), child.id];
  fx.main['extension-requests'] = [extension.id];
  fx.extensionPairs = [[extended.id, extension.id]];
}

async function buildFixture(t: TestApp): Promise<Fixture> {
  const w = await buildWorld(t);
  const [versions, statuses] = [new Map<string, number>(), new Map<string, string>()];
  // A second meeting, so the meetings list has a next page (and a cursor).
  await ok(w.as.secretary.post(`/councils/${w.councilId}/meetings`, { title: '第二次联席会议', kind: 'ad_hoc', heldAt: '2026-03-02T09:00:00+08:00' }));

  // The sacrificial world: PATCH / PUT on people, organizations and councils may demote a secretary or
  // move the owner to another unit; doing that to the main world would leave later operations nothing
  // but 403s. It has open items of its own, so a policy change there recomputes real reminders.
  const spare = await buildWorld(t);
  const spareResolutions: ResolutionView[] = [];
  for (const state of ['registered', 'assigned', 'in_progress'] as const) spareResolutions.push(remember({ versions, statuses }, await resolutionIn(spare, state)));

  const organizationNames: string[] = [];
  for (const id of Object.values(w.orgs)) organizationNames.push((await ok(t.admin.get(`/organizations/${id}`), 200)).name);
  const personNames: string[] = [];
  for (const id of Object.values(w.ids)) {
    const person = await ok(t.admin.get(`/people/${id}`), 200);
    personNames.push(person.name, person.username);
  }

  const fx: Fixture = {
    t,
    w,
    spare,
    main: poolOf(w, [], [], []),
    sacrificial: poolOf(spare, spareResolutions.map((r) => r.id), [], await notificationIdsOf(spare)),
    extensionPairs: [],
    versions,
    statuses,
    cursors: [],
    calendarTokens: [(await ok(w.as.owner.get(`/people/${w.ids.owner}/calendar-token`), 200)).token],
    organizationNames,
    personNames,
    forged: forgedAuthorizations(w),
  };
  await freshResolutions(fx);
  fx.main.notifications = await notificationIdsOf(w);
  for (const [client, path] of [
    [t.admin, '/organizations?limit=1'],
    [t.admin, '/people?limit=1'],
    [w.as.supervisor, `/resolutions?limit=1&councilId=${w.councilId}&sort=dueAt`],
    [w.as.supervisor, '/resolutions?limit=1&sort=-createdAt'],
    [w.as.owner, '/notifications?limit=1'],
    [w.as.secretary, `/councils/${w.councilId}/meetings?limit=1`],
  ] as const) {
    const page = await ok(client.get(path), 200);
    if (page.nextCursor) fx.cursors.push(page.nextCursor);
  }
  return fx;
}

// ---------------------------------------------------------------------------------------------
// Values: what a field accepts (from its rules) and everything it should refuse.
// ---------------------------------------------------------------------------------------------

/** Stands for "the version the resolution of this path has now", filled in when the request is sent. */
const CURRENT_VERSION = '<current version>';

/** Texts that often break services: SQL and LIKE metacharacters, NUL, lone surrogates, BOM, templates. */
const SPECIAL_TEXTS = [
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
const DATE_TEXTS = [
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
  { weight: 1, arbitrary: fc.constantFrom('1900-01-01T00:00:00+23:59', '2999-12-31T23:59:59.999999-23:59', '2026-03-02T09:00:00+08:00', '2026-03-01T00:00:00Z') },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-30T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -1439, max: 1439 })).map(([d, offset]) => {
      const sign = offset < 0 ? '-' : '+';
      const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
      return `${d.toISOString().slice(0, 19)}${sign}${hhmm}`;
    }),
  },
);
const acceptedDateText = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('1900-01-01', '2999-12-31', '2026-03-02', '2026-02-28', '2028-02-29') },
  { weight: 2, arbitrary: fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2999-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
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
const TIME_ZONES = ['Asia/Shanghai', 'UTC', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Antarctica/Troll', 'Australia/Lord_Howe', 'Etc/GMT+12', 'Europe/Dublin'];

/**
 * A text near the field's limits: short and plain, special, exactly at the maximum (in ASCII letters,
 * in Chinese characters of three UTF-8 bytes, in emoji of two UTF-16 units). Unless strict, also one
 * past the maximum, and with NUL characters and lone surrogates.
 */
function textArb(min: number, max: number, strict: boolean): fc.Arbitrary<string> {
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
function idArb(pool: Pool, kind: IdKind | undefined, strict = false): fc.Arbitrary<string> {
  const all = Object.values(pool).flat();
  const right = kind ? pool[kind] : [];
  return fc.oneof(
    ...(right.length ? [{ weight: strict ? 12 : 6, arbitrary: fc.constantFrom(...right) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: strict ? 1 : 2, arbitrary: fc.uuid() },
    ...(strict ? [] : [{ weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', `${all[0]}x`, all[0].toUpperCase(), all[0].replace(/-/g, '')) }]),
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
function policyArb(): fc.Arbitrary<Record<string, unknown>> {
  const offset = fc.constantFrom('P3D', 'PT2H', '-P1D', '3wd', '-1wd', 'PT0S', 'P0D', '0wd', 'P99999D', 'P1000Y', '-P1000Y', '999999wd', '-999999wd', 'P1Y2M3DT4H5M6S', 'PT0.5S', 'P1W', '3WD', 'wd', 'P', 'PT', '1.5wd', ' P3D', '+3wd');
  const cron = fc.constantFrom('0 17 * * 5', '* * * * *', '0 0 31 2 *', '0 0 30 2 *', '59 23 31 12 *', '*/0 * * * *', '0 0 * * 8', '0 0 29 2 1', '@yearly', '0 0 1 1 * 2099', '60 25 * * *');
  const clock = fc.constantFrom('00:00', '23:59', '08:00', '24:00', '9:00', '');
  const value = (key: string): fc.Arbitrary<unknown> => {
    const original = fc.constant((DEFAULT_POLICY as Record<string, unknown>)[key]);
    const variants: Record<string, fc.Arbitrary<unknown>> = {
      calendar: fc.constantFrom('cn', 'weekdays', 'all', 'gregorian'),
      quietHours: fc.oneof(fc.constant(null), fc.record({ start: clock, end: clock })),
      warningWindow: offset,
      acceptance: fc.record({ within: offset, remindEvery: offset }),
      beforeDue: fc.array(offset, { maxLength: 12 }),
      escalation: fc.array(fc.record({ after: offset, level: fc.integer({ min: -1, max: 4 }), notify: fc.array(fc.constantFrom('owner', 'leadLeader', 'coLeaders', 'supervisors', 'chair', 'secretaries', 'nobody'), { maxLength: 3 }) }), { maxLength: 4 }),
      progressReport: fc.oneof(fc.constant(null), fc.record({ cron, grace: offset })),
      stagnation: fc.oneof(fc.constant(null), offset),
      bulletin: fc.oneof(fc.constant(null), fc.record({ cron })),
      maxExtensions: fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(1e9)),
    };
    return fc.oneof({ weight: 2, arbitrary: original }, { weight: 4, arbitrary: variants[key] ?? junkValue }, { weight: 1, arbitrary: junkValue });
  };
  const keys = Object.keys(DEFAULT_POLICY);
  const base = fc.record(Object.fromEntries(keys.map((k) => [k, value(k)])), { requiredKeys: [] });
  return fc.tuple(base, fc.option(fc.record({ normal: base, high: base, urgent: base, other: base }, { requiredKeys: [] }), { freq: 3 })).map(([policy, overrides]) => (overrides ? { ...policy, overrides } : policy));
}

const constraint = (spec: FieldSpec, rule: string, fallback: number) => (spec.rules.get(rule)?.[0] as number | undefined) ?? fallback;

/**
 * A value the field's rules accept — extreme ones included (a deadline in 2999, a title of exactly the
 * maximum length in emoji): those pass validation and reach the service and the database. Unless
 * strict, boundaries are crossed on purpose now and then.
 */
function valueArb(spec: FieldSpec, fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<unknown> {
  const r = spec.rules;
  if (spec.name === 'version') {
    return fc.oneof({ weight: strict ? 6 : 3, arbitrary: fc.constant(CURRENT_VERSION) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 15 }) }, { weight: 1, arbitrary: fc.constantFrom(2_000_000_000, ...(strict ? [] : [0, 2_000_000_001])) });
  }
  if (spec.nested) return objectArb(spec.nested, fx, pool, strict);
  if (r.has('isIn')) return fc.constantFrom(...(r.get('isIn')![0] as unknown[]));
  if (r.has('isUuid') && spec.eachRules.has('isUuid')) return fc.array(idArb(pool, idKindOfField(spec.name), strict), { minLength: strict ? constraint(spec, 'arrayMinSize', 0) : 0, maxLength: 4 });
  if (r.has('isUuid')) return idArb(pool, idKindOfField(spec.name), strict);
  if (r.has('isInt')) {
    const [min, max] = [constraint(spec, 'min', -1000), constraint(spec, 'max', 1000)];
    return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max, ...(strict ? [] : [min - 1, max + 1])) });
  }
  if (r.has('isBoolean')) return fc.boolean();
  if (r.has('isInstant')) return strict ? acceptedInstantText : dateText;
  if (r.has('isDeadline')) return strict ? acceptedDateText : dateText;
  if (r.has('isTimeZone')) return strict ? fc.constantFrom(...TIME_ZONES) : fc.oneof(fc.constantFrom(...TIME_ZONES), fc.constantFrom('Asia/Beijing', 'utc+8', '+08:00', 'Local', ''));
  if (r.has('isCursor')) return strict ? fc.constantFrom(...fx.cursors) : fc.oneof(fc.constantFrom(...fx.cursors), fc.jsonValue({ maxDepth: 2 }).map(b64url), fc.tuple(dateText, idArb(pool, undefined)).map(b64url));
  if (r.has('isEmail')) return strict ? fc.emailAddress() : fc.oneof(fc.emailAddress(), fc.constantFrom(...SPECIAL_TEXTS));
  if (r.has('isUrl')) {
    const urls = fc.oneof(fc.webUrl({ validSchemes: ['http', 'https'] }), fc.constantFrom('http://127.0.0.1:1/hook', 'http://169.254.169.254/latest/meta-data', 'https://localhost', 'http://[::1]/', 'https://例子.测试/路径'));
    return strict ? urls : fc.oneof(urls, fc.constantFrom('ftp://x.example', 'http://', 'javascript:alert(1)'));
  }
  if (r.has('matches')) return strict ? fc.stringMatching(r.get('matches')![0] as RegExp) : fc.oneof(fc.stringMatching(r.get('matches')![0] as RegExp), textArb(0, 64, false));
  if (r.has('isObject') || spec.name === 'policy') return strict ? policyArb() : fc.oneof(policyArb(), junkValue);
  if (spec.name === 'token') return strict ? fc.constantFrom(...fx.calendarTokens) : fc.oneof(fc.constantFrom(...fx.calendarTokens), textArb(0, 64, false));
  if (r.has('isString') || r.has('maxLength')) return textArb(constraint(spec, 'minLength', 0), constraint(spec, 'maxLength', 200), strict);
  return fc.jsonValue({ maxDepth: 2 });
}

const ABSENT = Symbol('absent');
const junkKey = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'isAdmin', 'status', 'version ', 'Title', ''));

/** Sets a key as a real own key of the JSON: `body.__proto__ = …` would set the object's prototype instead. */
function setKey(body: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A JSON object over the fields. Strict: every required field and half the optional ones, with values
 * their rules accept. Otherwise: required fields mostly there, values now and then anything at all,
 * and an unknown key now and then.
 */
function objectArb(fields: FieldSpec[], fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<Record<string, unknown>> {
  const value = (f: FieldSpec) => (strict ? valueArb(f, fx, pool, true) : fc.oneof({ weight: 4, arbitrary: valueArb(f, fx, pool, false) }, { weight: 1, arbitrary: junkValue }));
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
function mutatedObjectArb(fields: FieldSpec[], fx: Fixture, pool: Pool): fc.Arbitrary<Record<string, unknown>> {
  const mutation = fc.constantFrom('junk' as const, 'null' as const, 'drop' as const, 'extra' as const);
  return fc.tuple(objectArb(fields, fx, pool, true), fc.nat(), mutation, junkValue, junkKey).map(([body, n, how, junk, key]) => {
    const out = { ...body };
    const name = fields.length ? fields[n % fields.length].name : key;
    if (how === 'drop') delete out[name];
    else setKey(out, how === 'extra' ? key : name, how === 'null' ? null : junk);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Requests: path, query, payload, caller.
// ---------------------------------------------------------------------------------------------

/**
 * How far a request strays: `valid` is what the operation accepts (extremes included), `mutated` has
 * exactly one thing wrong, `wild` anything goes. Valid requests get past validation into the services
 * and the database, where the 5xx hide; wild ones test the edges of parsing and validation.
 */
type Mode = 'valid' | 'mutated' | 'wild';

/** Percent-encodes the UTF-8 bytes of a text (lone surrogates become U+FFFD, as a browser would send them). */
function pct(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
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
      ? fc.oneof(fc.constantFrom('2098-02-28', '2098-10-01', '0001-01-01', '9999-12-31'), fc.date({ min: new Date('2101-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)))
      : idArb(pool, (Object.keys(pool) as IdKind[]).find((k) => k === before), strict);
  if (strict) return wanted;
  const wrongDates = fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '20261001', 'tomorrow', '+275760-09-13');
  return fc.oneof({ weight: 3, arbitrary: wanted }, { weight: 1, arbitrary: name === 'date' ? fc.oneof(wrongDates, junkSegment) : junkSegment });
}

function pathArb(op: Operation, fx: Fixture, pool: Pool, strict: boolean): fc.Arbitrary<string> {
  const fill = (values: string[]) => op.pathParams.reduce((path, p, i) => path.replace(`{${p}}`, values[i]), op.template);
  const independent = fc.tuple(...op.pathParams.map((p) => pathParamArb(op.template, p, pool, strict))).map(fill);
  // An extension request is only found under its own resolution: pick the two together most of the time.
  const paired = op.pathParams.join() === 'id,rid' && fx.extensionPairs.length > 0;
  return paired ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...fx.extensionPairs).map((pair) => fill([...pair])) }, { weight: 1, arbitrary: independent }) : independent;
}

/** Query fragments sent verbatim: bad percent-encoding, bracket syntax, prototype keys, empty pairs. */
const RAW_QUERY_FRAGMENTS = ['&&', '=', '==1', 'a', '%', '%zz=1', 'limit', 'limit[]=1', 'limit[a]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', 'a=%00', 'q=%E0%A4%A', 'x=1;y=2'];

const junkQueryValue = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1.5', '1e400', '99999999999999999999999', 'NaN', 'Infinity', 'true', 'null', '[]', '{}', '\\', '%', '_', "'", '查'.repeat(300), 'x'.repeat(5000)),
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
    : fc.oneof({ weight: 4, arbitrary: accepted }, { weight: 2, arbitrary: junkQueryValue.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(junkQueryValue, { minLength: 2, maxLength: 3 }) });
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
  const extra = mode === 'valid' ? fc.constant([]) : mode === 'mutated' ? queryMistakeArb(op).map((m) => [m]) : fc.option(fc.array(queryMistakeArb(op), { minLength: 1, maxLength: 2 }), { nil: [], freq: 3 });
  return fc.tuple(fc.tuple(...documented), extra).map(([pairs, more]) => [...pairs.flat(), ...more].join('&'));
}

/** One file of a multipart upload. */
type FileSpec =
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Quoting `all` or `needed` (RFC 4180), or `none`: quotes and commas inside cells left as typed. */
  | { kind: 'csv'; rows: string[][]; bom: boolean; eol: string; quoting: 'all' | 'needed' | 'none' }
  | { kind: 'xlsx'; rows: XlsxCell[][] };
interface XlsxCell {
  value: ExcelJS.CellValue;
  numFmt?: string;
}
type FormPart = { field: string; filename: string; type: string; file: FileSpec } | { field: string; value: string };

type Payload =
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
  .tuple(fc.oneof(fc.constantFrom(...RAW_BODIES), fc.json({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 60 })), fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 5 }))
  .map(([text, contentType]) => ({ kind: 'text', text, contentType }));

/** Headers and cells an import file may hold: every alias, near misses, names that exist, junk. */
const IMPORT_HEADERS = ['title', '标题', '决定事项', '事项', 'description', '说明', 'category', '类别', 'priority', '优先级', 'leadOrganization', '牵头单位', 'coOrganizations', '协办单位', '配合单位', 'owner', '责任人', 'dueAt', 'deadline', '完成时限', '截止日期', 'lead_organization', ' Title ', 'TITLE', '备注'];
const IMPORT_CELLS = ['紧急', '重要', '一般', 'urgent', 'HIGH', 'x', '2026/6/30', '2026年6月30日', '2026.12.31', '2026-02-30', '9999-12-31', '0000-01-01', '+275760-09-13', '2026-12-31T23:59:59+08:00', '45000', '甲;乙', '甲、乙，丙', '"', '""', '@SUM(A1)', 'x'.repeat(501), '查'.repeat(600)];

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
  return fc.tuple(banner, headerRow, fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 5 })).map(([b, h, rows]) => [...(b ? [b] : []), h, ...rows]);
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
  const xlsxCell = fc.record({ value: xlsxValue, numFmt: fc.option(fc.constantFrom('yyyy-mm-dd', '0.00', '@', 'yyyy"年"m"月"d"日"'), { nil: undefined, freq: 3 }) }, { requiredKeys: ['value'] });
  // A number formatted as a date reads back as a Date, far beyond any real one when the number is huge.
  const hugeDateCell = fc.constantFrom(1e20, -1e6, 2958466, 1e308).map((value) => ({ value, numFmt: 'yyyy-mm-dd' }));
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('csv' as const), rows: importRows(header, cell), bom: fc.boolean(), eol: fc.constantFrom('\r\n', '\n', '\r'), quoting: fc.constantFrom('all' as const, 'needed' as const, 'none' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('xlsx' as const), rows: importRows<XlsxCell>(header.map((value) => ({ value })), fc.oneof({ weight: 6, arbitrary: xlsxCell }, { weight: 1, arbitrary: hugeDateCell })) }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    // A zip's magic number with nothing after it: read as an XLSX, whatever the name says.
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }).map((tail) => ({ kind: 'bytes' as const, bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]) })) },
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
  const table = columns.chain((cols) => fc.array(fc.tuple(...cols.map((c) => cellOf[c])), { minLength: 1, maxLength: 4 }).map((rows) => [cols, ...rows]));
  return fc.oneof(
    fc.record({ kind: fc.constant('csv' as const), rows: table, bom: fc.boolean(), eol: fc.constantFrom('\r\n', '\n'), quoting: fc.constantFrom('all' as const, 'needed' as const) }),
    table.map((rows): FileSpec => ({ kind: 'xlsx', rows: rows.map((row) => row.map((value) => ({ value }))) })),
  );
}

function acceptedMultipartArb(fx: Fixture): fc.Arbitrary<Payload> {
  const filePart = fc.record({ field: fc.constant('file'), filename: fc.constantFrom('决定事项.csv', 'decisions.csv'), type: fc.constant('text/csv'), file: acceptedImportArb(fx) });
  // The name says .csv either way: an XLSX is recognised by its zip header, as import-rows.ts reads it.
  return filePart.map((part): Payload => ({ kind: 'multipart', parts: [part] }));
}

function multipartArb(fx: Fixture): fc.Arbitrary<Payload> {
  const filename = fc.constantFrom('decisions.csv', '决定事项.csv', 'a.xlsx', 'A.XLSX', 'noext', '', '../../etc/passwd', `${'x'.repeat(300)}.csv`, 'evil".csv', '😀.csv', 'a.csv\u0000.xlsx');
  const type = fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream', '');
  const fileField = fc.oneof({ weight: 8, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.constantFrom('File', 'upload', '', 'file[]') });
  const filePart: fc.Arbitrary<FormPart> = fc.record({ field: fileField, filename, type, file: fileSpecArb(fx) });
  const fieldPart: fc.Arbitrary<FormPart> = fc.record({ field: fc.constantFrom('file', 'notes', 'meetingId', ''), value: fc.string({ maxLength: 20 }) });
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
    { weight: 2, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 })).map((value): Payload => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: rawTextPayload },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): Payload => ({ kind: 'bytes', bytes })) },
    { weight: 1, arbitrary: fc.record({ depth: fc.constantFrom(1_000, 3_000, 10_000, 100_000), shape: fc.constantFrom('array' as const, 'object' as const) }).map(({ depth, shape }): Payload => ({ kind: 'deep', field, depth, shape })) },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.constant<Payload>({ kind: 'oversize' }) },
  );
}

function payloadArb(op: Operation, fx: Fixture, pool: Pool, mode: Mode): fc.Arbitrary<Payload> {
  // fetch sends no body with GET or HEAD; the API documents no DELETE or OPTIONS (they are sent undocumented, below).
  if (op.method === 'GET' || op.method === 'HEAD' || op.method === 'DELETE' || op.method === 'OPTIONS') return fc.constant({ kind: 'none' });
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
function workflowBias(op: Operation, fx: Fixture, caller: fc.Arbitrary<Caller>, path: fc.Arbitrary<string>): { caller: fc.Arbitrary<Caller>; path: fc.Arbitrary<string> } {
  const action = op.method === 'POST' && op.template.startsWith('/api/v1/resolutions/{id}/') ? ACTION_OF_SEGMENT[op.template.split('/').pop() ?? ''] : undefined;
  if (!action) return { caller, path };
  const rule = WORKFLOW_RULES[action];
  const actors = fc.constantFrom(...rule.actors.map((a) => CALLER_OF_ACTOR[a])).map((who): Caller => ({ who }));
  const startable = fx.main.resolutions.filter((id) => (rule.from as readonly string[]).includes(fx.statuses.get(id) ?? ''));
  const onStartable = op.pathParams.length === 1 && startable.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...startable).map((id) => op.template.replace('{id}', id)) }] : [];
  return { caller: fc.oneof({ weight: 3, arbitrary: actors }, { weight: 1, arbitrary: caller }), path: fc.oneof(...onStartable, { weight: 1, arbitrary: path }) };
}

interface FuzzRequest {
  mode: Mode;
  caller: Caller;
  path: string;
  query: string;
  payload: Payload;
}

function requestArb(op: Operation, fx: Fixture): fc.Arbitrary<FuzzRequest> {
  const pool = op.sacrificial ? fx.sacrificial : fx.main;
  // Only a secretary of the council may import: without the favour most uploads would stop at a 403.
  const favoured = op.body === 'multipart' ? 'secretary' : undefined;
  const caller = callerArb(fx, favoured);
  const inMode = (mode: Mode) => {
    const plain = { caller, path: pathArb(op, fx, pool, mode !== 'wild') };
    const { caller: who, path } = mode === 'wild' ? plain : workflowBias(op, fx, plain.caller, plain.path);
    return fc.record({ mode: fc.constant(mode), caller: who, path, query: queryArb(op, fx, pool, mode), payload: payloadArb(op, fx, pool, mode) });
  };
  return fc.oneof({ weight: 3, arbitrary: inMode('valid') }, { weight: 3, arbitrary: inMode('mutated') }, { weight: 4, arbitrary: inMode('wild') });
}

// ---------------------------------------------------------------------------------------------
// Sending, judging, reporting.
// ---------------------------------------------------------------------------------------------

interface Sent {
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** The body as a person reads it in a failure report. */
  preview: string;
}

interface Answer {
  status: number;
  body: any;
  /** Set when no HTTP answer came (connection reset, timeout). */
  failure?: string;
}

const clip = (text: string, max = 1500) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function csvText(spec: Extract<FileSpec, { kind: 'csv' }>): string {
  const quoted = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const cellText = (cell: string) => (spec.quoting === 'all' || (spec.quoting === 'needed' && /[",\r\n]/.test(cell)) ? quoted(cell) : cell);
  return `${spec.bom ? '\ufeff' : ''}${spec.rows.map((row) => row.map(cellText).join(',')).join(spec.eol)}${spec.eol}`;
}

async function fileBytes(spec: FileSpec): Promise<Uint8Array> {
  if (spec.kind === 'bytes') return spec.bytes;
  if (spec.kind === 'csv') return Buffer.from(csvText(spec), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('决定事项');
  spec.rows.forEach((row, i) =>
    row.forEach((c, j) => {
      const cell = sheet.getCell(i + 1, j + 1);
      cell.value = c.value;
      if (c.numFmt) cell.numFmt = c.numFmt;
    }),
  );
  try {
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } catch {
    // exceljs cannot write every generated cell: such a request is skipped, not counted as a failure.
    fc.pre(false);
    throw new Error('unreachable');
  }
}

function deepText(payload: Extract<Payload, { kind: 'deep' }>): string {
  const [open, close] = payload.shape === 'array' ? ['[', ']'] : ['{"a":', '}'];
  return `{${JSON.stringify(payload.field)}:${open.repeat(payload.depth)}1${close.repeat(payload.depth)}}`;
}

const RESOLUTION_IN_PATH = /\/resolutions\/([0-9a-f-]{36})(?:\/|$)/;

/** Turns a generated request into what goes on the wire (the current version, files, deep text). */
async function materialise(op: Operation, req: FuzzRequest, fx: Fixture): Promise<Sent> {
  const headers: Record<string, string> = {};
  const authorization = req.caller.who === 'forged' ? req.caller.authorization : tokenOf(fx, op, req.caller.who);
  if (authorization !== undefined) headers.authorization = authorization;
  const url = `${req.path}${req.query ? `?${req.query}` : ''}`;
  const p = req.payload;
  switch (p.kind) {
    case 'none':
      return { url, headers, preview: '(no body)' };
    case 'json': {
      const version = fx.versions.get(RESOLUTION_IN_PATH.exec(req.path)?.[1] ?? '') ?? 1;
      const text = JSON.stringify(p.value, (_key, v: unknown) => (v === CURRENT_VERSION ? version : v)) ?? '';
      headers['content-type'] = 'application/json';
      return { url, headers, body: text, preview: text };
    }
    case 'text':
      if (p.contentType !== undefined) headers['content-type'] = p.contentType;
      return { url, headers, body: p.text, preview: `${JSON.stringify(p.text)} as ${p.contentType ?? 'text/plain (fetch default)'}` };
    case 'bytes':
      return { url, headers, body: p.bytes, preview: `${p.bytes.length} raw bytes without a content type: ${Buffer.from(p.bytes).toString('hex').slice(0, 200)}` };
    case 'deep': {
      const text = deepText(p);
      headers['content-type'] = 'application/json';
      return { url, headers, body: text, preview: `${p.field} nested ${p.depth} levels deep (${p.shape}s), ${text.length} bytes: ${text.slice(0, 80)}…` };
    }
    case 'oversize': {
      const text = JSON.stringify({ padding: 'x'.repeat(fx.t.config.bodyLimitBytes) });
      headers['content-type'] = 'application/json';
      return { url, headers, body: text, preview: `a JSON object of ${text.length} bytes (limit ${fx.t.config.bodyLimitBytes})` };
    }
    case 'multipart': {
      const form = new FormData();
      const described: string[] = [];
      for (const part of p.parts) {
        if ('value' in part) {
          form.append(part.field, part.value);
          described.push(`field ${JSON.stringify(part.field)} = ${JSON.stringify(part.value)}`);
        } else {
          const bytes = await fileBytes(part.file);
          form.append(part.field, new Blob([new Uint8Array(bytes)], { type: part.type }), part.filename);
          const content = part.file.kind === 'csv' ? JSON.stringify(csvText(part.file)) : part.file.kind === 'xlsx' ? `XLSX rows ${JSON.stringify(part.file.rows)}` : `bytes ${Buffer.from(bytes).toString('hex').slice(0, 200)}`;
          described.push(`file ${JSON.stringify(part.field)} named ${JSON.stringify(part.filename)} (${part.type || 'no type'}, ${bytes.length} bytes): ${clip(content, 800)}`);
        }
      }
      return { url, headers, body: form, preview: `multipart/form-data:\n      ${described.join('\n      ')}` };
    }
    default:
      throw new Error(`unhandled payload ${JSON.stringify(p satisfies never)}`);
  }
}

/** The caller's header; a person of the sacrificial world for the operations that work on it. */
function tokenOf(fx: Fixture, op: Operation, who: Who): string | undefined {
  if (who === 'anonymous' || who === 'forged') return undefined;
  const token = who === 'admin' ? fx.t.admin.token : (op.sacrificial ? fx.spare : fx.w).as[who].token;
  return `Bearer ${token}`;
}

async function deliver(op: Operation, sent: Sent, fx: Fixture): Promise<Answer> {
  try {
    const res = await fetch(`${fx.t.baseUrl}${sent.url}`, { method: op.method, headers: sent.headers, body: sent.body, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text (the calendar feed; or an error that is not JSON, which the judge names)
    }
    return { status: res.status, body };
  } catch (err) {
    const cause = (err as Error).cause;
    return { status: 0, body: null, failure: `no HTTP answer: ${(err as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}` };
  }
}

/** What is wrong with the answer, or null. */
function problemWith(req: FuzzRequest & { method: Method }, answer: Answer): string | null {
  if (answer.failure) return answer.failure;
  if (answer.status >= 500) return `answered ${answer.status}: a client's request must never get a 5xx`;
  // The URL is judged before the body: an unknown route (404) or a path parameter over the router's limit
  // (414) is refused without reading it. Any other route reads the body first, and must refuse it.
  if (req.payload.kind === 'oversize' && ![413, 404, 414].includes(answer.status) && answer.body?.code !== 'FST_ERR_BAD_URL') return `answered ${answer.status} to a body over the limit: expected 413`;
  // A HEAD answer has no body by definition: only its status can be judged.
  if ((answer.status === 400 || answer.status === 413) && req.method !== 'HEAD') {
    const b = answer.body;
    if (typeof b !== 'object' || b === null || b.statusCode !== answer.status || typeof b.error !== 'string' || typeof b.message !== 'string') return `a ${answer.status} that is not the JSON error shape {statusCode, error, message, details}`;
    // A field may be named "" (an unknown key "" was sent), but every detail must carry a field name.
    const unnamed = !Array.isArray(b.details) || b.details.some((d: { field?: unknown } | null) => typeof d?.field !== 'string');
    if (fieldsOf({ status: answer.status, body: b, headers: new Headers() } satisfies ApiResponse).length === 0 || unnamed) return `a ${answer.status} whose details do not name the bad field`;
  }
  return null;
}

/** Keeps the stack the error filter logs with each 500 (`errorId=…`), to print it beside the request. */
class CapturingLogger extends ConsoleLogger {
  readonly stacks = new Map<string, string>();
  override error(message: unknown, ...rest: unknown[]): void {
    const text = String(message);
    const errorId = /errorId=(\S+)/.exec(text)?.[1];
    if (errorId) this.stacks.set(errorId, text);
    else super.error(message, ...(rest as [string?, string?]));
  }
}

function report(op: Operation, req: FuzzRequest, sent: Sent, answer: Answer, problem: string, logger: CapturingLogger): string {
  const stack = typeof answer.body?.errorId === 'string' ? logger.stacks.get(answer.body.errorId) : undefined;
  const headers = Object.entries(sent.headers).map(([k, v]) => `${k}: ${clip(v, 120)}`);
  return [
    `${label(op)} (${op.operationId}): ${problem}`,
    `    request: ${op.method} ${clip(sent.url, 600)}`,
    `    caller:  ${req.caller.who} (a ${req.mode} request)`,
    `    headers: ${headers.join(' | ') || '(none)'}`,
    `    body:    ${clip(sent.preview)}`,
    `    answer:  ${answer.status} ${clip(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), 800)}`,
    // "│" before each frame: jest would move lines that start with "at " out of the message.
    ...(stack ? [`    server:  ${clip(stack, 3000).replace(/\n\s*/g, '\n      │ ')}`] : []),
  ].join('\n');
}

/** Requests and statuses per documented operation (undocumented methods all in one line), printed at the end. */
class Tally {
  readonly byOperation = new Map<string, Map<number, number>>();
  total = 0;
  add(op: Operation, status: number) {
    const key = op.operationId === UNDOCUMENTED ? UNDOCUMENTED : label(op);
    const statuses = this.byOperation.get(key) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    this.byOperation.set(key, statuses);
    this.total++;
  }
  get documented(): number {
    return [...this.byOperation.keys()].filter((k) => k !== UNDOCUMENTED).length;
  }
  summary(): string {
    const lines = [...this.byOperation].map(([name, statuses]) => `${name.padEnd(62)} ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    return `${this.total} requests over ${this.documented} documented operations (and undocumented methods)\n${lines.join('\n')}`;
  }
}

// ---------------------------------------------------------------------------------------------

describe('fuzz: every operation of the OpenAPI document, by every caller, never a 5xx', () => {
  let t: TestApp;
  let fx: Fixture;
  let operations: Operation[];
  const logger = new CapturingLogger();
  const tally = new Tally();
  /** When this file started, by the database's clock: what it leaves in shared tables is cleaned up after (afterAll). */
  let startedAt: Date;

  beforeAll(async () => {
    t = await startTestApp();
    startedAt = (await t.db.query('SELECT now() AS now'))[0].now as Date;
    logger.setLogLevels(['error']);
    t.app.useLogger(logger);
    fx = await buildFixture(t);
    // Served even with docsUi: false (http-app.ts only turns the UI off, not the JSON).
    const res = await fetch(`${t.baseUrl}/docs-json`);
    if (res.status !== 200) throw new Error(`GET /docs-json answered ${res.status}`);
    operations = operationsOf((await res.json()) as OpenApiDocument, routeFields(t));
  }, 120_000);
  afterAll(async () => {
    if (!t) return;
    // Leave the shared database as other files expect it. Calendar overrides are global (the published
    // rows of those dates, none in these years, would be re-seeded by the next app start). And the
    // reminders this file's items still have pending would be due in the next files' engines, whose
    // processDue takes every due row of the database: they are cancelled, as cancelling the items would.
    await t.db.query(`DELETE FROM calendar_days WHERE source = 'override' AND updated_at >= $1`, [startedAt]);
    await t.db.query(`UPDATE scheduled_actions SET status = 'cancelled' WHERE status = 'pending' AND council_id IN (SELECT id FROM councils WHERE created_at >= $1)`, [startedAt]);
    await t.close();
  });

  /** Sends one generated request; throws (fails the property) with a full report when the answer is wrong. */
  async function exercise(op: Operation, req: FuzzRequest): Promise<void> {
    const sent = await materialise(op, req, fx);
    const answer = await deliver(op, sent, fx);
    tally.add(op, answer.status);
    if (typeof answer.body?.id === 'string' && typeof answer.body.version === 'number' && fx.versions.has(answer.body.id)) remember(fx, answer.body as ResolutionView);
    const problem = problemWith({ ...req, method: op.method }, answer);
    if (!problem) return;
    throw new Error(report(op, req, sent, answer, problem, logger));
  }

  /**
   * Runs the property of one operation; the failure report of its shrunk counterexample, or null.
   * fc.check rather than fc.assert: every operation is fuzzed and all failures are reported at once.
   */
  async function fuzz(op: Operation, numRuns: number): Promise<string | null> {
    if (op.operationId !== UNDOCUMENTED && op.method !== 'GET' && op.template.startsWith('/api/v1/resolutions/{id}')) await freshResolutions(fx);
    const details = await fc.check(
      fc.asyncProperty(requestArb(op, fx), (req) => exercise(op, req)),
      { seed: seedOf(op), numRuns },
    );
    if (!details.failed) return null;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return `${error}\n    (fast-check: seed ${details.seed}, path "${details.counterexamplePath}", ${details.numRuns} runs, ${details.numShrinks} shrinks)`;
  }

  it('the document lists every route, with the fields the fuzz builds bodies and queries from', () => {
    const names = operations.map(label);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/meetings/{id}/resolutions/import', 'POST /api/v1/resolutions/{id}/assign', 'GET /api/v1/resolutions', 'PUT /api/v1/councils/{id}/policy', 'GET /health']));
    expect(operations.length).toBeGreaterThanOrEqual(50);
    // The fields come from the DTOs even where the document does not list them (see the header).
    const fieldNames = (name: string, key: 'bodyFields' | 'query') => operations.find((o) => label(o) === name)?.[key].map((f) => f.name);
    expect(fieldNames('POST /api/v1/resolutions/{id}/assign', 'bodyFields')).toEqual(expect.arrayContaining(['version', 'leadOrganizationId', 'ownerId', 'dueAt']));
    expect(fieldNames('GET /api/v1/resolutions', 'query')).toEqual(expect.arrayContaining(['limit', 'cursor', 'status', 'q', 'dueBefore', 'overdue']));
    expect(operations.filter((o) => o.body === 'multipart').map(label)).toEqual(['POST /api/v1/meetings/{id}/resolutions/import']);
  });

  it('every operation: answers below 500, and every 400 / 413 names the bad field', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const failure = await fuzz(op, op.body === 'multipart' ? RUNS_FOR_IMPORT : RUNS_PER_OPERATION);
      if (failure) failures.push(failure);
    }
    if (failures.length > 0) throw new Error(`${failures.length} operation(s) answered wrongly:\n\n${failures.join('\n\n')}`);
    expect(tally.documented).toBe(operations.length);
  }, 600_000);

  it('methods a path does not document (HEAD, OPTIONS, DELETE, …): never a 5xx', async () => {
    const documented = new Set(operations.map(label));
    const failures: string[] = [];
    for (const template of new Set(operations.map((o) => o.template))) {
      for (const method of METHODS.filter((m) => !documented.has(`${m} ${template}`))) {
        const pathParams = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const op: Operation = { method, template, operationId: UNDOCUMENTED, pathParams, query: [], body: 'none', bodyFields: [], freeFormBody: false, sacrificial: false };
        const failure = await fuzz(op, RUNS_FOR_UNDOCUMENTED);
        if (failure) failures.push(failure);
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} undocumented method(s) answered wrongly:\n\n${failures.join('\n\n')}`);
  }, 300_000);

  it('sent a meaningful number of requests (summary)', () => {
    console.info(tally.summary());
    expect(tally.total).toBeGreaterThanOrEqual(operations.length * RUNS_PER_OPERATION);
  });

  /** What the fuzz found once (a 500 or an unnamed 400 each), as the smallest request that showed it. */
  describe('found by the fuzz, fixed: each answers 400 naming the field', () => {
    const expectNamed = (res: ApiResponse, field: string | RegExp) =>
      expect({ status: res.status, fields: fieldsOf(res), body: res.body }).toEqual({
        status: 400,
        fields: expect.arrayContaining([typeof field === 'string' ? field : expect.stringMatching(field)]),
        body: expect.anything(),
      });
    const importFile = (body: FormData | string, contentType?: string) => fx.w.as.secretary.raw('POST', `/meetings/${fx.w.meetingId}/resolutions/import`, body, contentType);
    const form = async (file: FileSpec, filename: string) => {
      const data = new FormData();
      data.append('file', new Blob([new Uint8Array(await fileBytes(file))]), filename);
      return data;
    };
    const inProgress = async () => resolutionIn(fx.w, 'in_progress');

    // K1 was (500 "Maximum call stack size exceeded" in class-transformer): from about 1 300 levels of arrays, 2 400 of objects.
    it('K1: a JSON body nested 2 000 levels deep → 400 naming the field', async () => {
      expectNamed(await t.anonymous.raw('POST', '/auth/login', `{"username":${'['.repeat(2000)}${']'.repeat(2000)},"password":"x"}`, 'application/json'), /^username\./);
    });

    // K2 was (500 RangeError: Invalid time value in import-rows.ts cellText).
    it('K2: an XLSX date cell beyond the Date range → 400 naming file (the message gives row and column)', async () => {
      expectNamed(await importFile(await form({ kind: 'xlsx', rows: [[{ value: 'title' }], [{ value: 1e20, numFmt: 'yyyy-mm-dd' }]] }, 'decisions.xlsx')), 'file');
    });

    // K3 was (400 FST_ERR_BAD_URL without details).
    it('K3: malformed percent-encoding in a path → 400 naming the parameter', async () => {
      expectNamed(await t.admin.get('/resolutions/%C0%AF'), 'path');
    });

    // K4 was (500 "Unexpected end of multipart data" / "Multipart: Boundary not found").
    it('K4: a body that says multipart but is not → 400 naming file', async () => {
      expectNamed(await importFile('{}', 'multipart/form-data; boundary=xyz'), 'file');
      expectNamed(await importFile('{}', 'multipart/form-data'), 'file');
    });

    // K5 was (400 DB_22P02 without details: jsonb refuses the lone surrogate).
    it('K5: a lone surrogate in a text → 400 naming the field', async () => {
      const r = await inProgress();
      expectNamed(await fx.w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '\ud800' }), 'note');
      expectNamed(await fx.w.as.secretary.post(`/meetings/${fx.w.meetingId}/resolutions`, { title: '\ud800' }), 'title');
    });

    // K6 was (500 URIError: URI malformed in validator.js isEmail).
    it('K6: a lone surrogate in an email → 400 naming email', async () => {
      expectNamed(await t.admin.patch(`/people/${fx.w.ids.owner}`, { email: '\ud800' }), 'email');
    });

    // K7 was (500 QueryFailedError: time zone displacement out of range).
    it('K7: a cursor instant with offset +16:00 → 400 naming cursor', async () => {
      const cursor = b64url(['2026-01-01T00:00:00+16:00', fx.w.ids.owner]);
      expectNamed(await fx.w.as.owner.get(`/notifications?cursor=${cursor}`), 'cursor');
      expectNamed(await fx.w.as.supervisor.get(`/resolutions?cursor=${cursor}`), 'cursor');
      expectNamed(await fx.w.as.secretary.get(`/councils/${fx.w.councilId}/meetings?cursor=${cursor}`), 'cursor');
    });

    // K8 was (400 DB_22021 without details).
    it('K8: a NUL character in an import cell → 400 naming the cell', async () => {
      expectNamed(await importFile(await form({ kind: 'csv', rows: [['title'], ['a\u0000b']], bom: false, eol: '\n', quoting: 'all' }, 'decisions.csv')), 'title');
    });
  });
});
