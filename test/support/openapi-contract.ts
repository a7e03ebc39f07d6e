/* eslint-disable @typescript-eslint/no-explicit-any */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Reading the service's own OpenAPI document (GET /docs-json) as a contract: which error answers
 * each operation must document, and a validator of real answers against an operation's declared
 * success schema.
 */
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface DocOperation {
  method: string;
  path: string;
  op: any;
}

export function operationsOf(doc: OpenApiDoc): DocOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

const label = (o: DocOperation) => `${o.method.toUpperCase()} ${o.path}`;

/** The component a `$ref` names (`#/components/schemas/X`). */
function component(doc: OpenApiDoc, ref: string): any {
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  return name ? doc.components.schemas[name] : undefined;
}

/** Path parameters that are no row id (a calendar date): a value of the right shape always exists. */
const NOT_ROW_IDS = new Set(['date']);

/**
 * The error statuses an operation must document, from what it takes:
 *   401 when it needs a bearer token; 400 when it reads a path parameter, a query parameter or a
 *   body; 404 when a path parameter names a row; 409 when its body carries the `version` it was
 *   based on (the workflow); 429 for the login; and what Fastify answers before the route runs:
 *   400, 413 and 415 for a POST, PUT or PATCH (a body that is not JSON, too large, of another type),
 *   414 for a path parameter over the router's limit.
 */
export function requiredErrors(doc: OpenApiDoc, o: DocOperation): number[] {
  const out = new Set<number>();
  const params: any[] = o.op.parameters ?? [];
  if ((o.op.security ?? []).length > 0) out.add(401);
  if (params.length > 0 || o.op.requestBody) out.add(400);
  // Fastify reads a body sent to any POST, PUT or PATCH, whatever the route declares.
  if (['post', 'put', 'patch'].includes(o.method)) for (const status of [400, 413, 415]) out.add(status);
  if (params.some((p) => p.in === 'path')) out.add(414);
  if (params.some((p) => p.in === 'path' && !NOT_ROW_IDS.has(p.name))) out.add(404);
  const body = o.op.requestBody?.content?.['application/json']?.schema;
  const bodySchema = body?.$ref ? component(doc, body.$ref) : body;
  if (bodySchema?.properties?.version) out.add(409);
  if (o.method === 'post' && o.path.endsWith('/auth/login')) out.add(429);
  return [...out].sort((a, b) => a - b);
}

/** Whether a schema (or what its $ref / allOf names) is the shared error body. */
function isErrorBody(doc: OpenApiDoc, schema: any): boolean {
  if (!schema) return false;
  if (schema.$ref === '#/components/schemas/ErrorBody') return true;
  return Array.isArray(schema.allOf) && schema.allOf.some((s: any) => isErrorBody(doc, s));
}

/** A success schema that says something: a $ref, a typed schema, a composition, or a binary file. */
function saysSomething(schema: any): boolean {
  if (!schema || typeof schema !== 'object') return false;
  return Boolean(schema.$ref || schema.type || schema.allOf || schema.oneOf || schema.anyOf || schema.properties);
}

/** Every way the operation falls short of the contract; empty when it is complete. */
export function contractProblems(doc: OpenApiDoc, o: DocOperation): string[] {
  const problems: string[] = [];
  const responses: Record<string, any> = o.op.responses ?? {};
  const success = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
  if (success.length === 0) problems.push(`${label(o)}: no 2xx response`);
  for (const status of success) {
    if (status === '204') continue;
    const content: Record<string, any> = responses[status].content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) problems.push(`${label(o)}: ${status} has no content (no schema)`);
    for (const type of types) {
      const schema = content[type].schema;
      if (!saysSomething(schema)) problems.push(`${label(o)}: ${status} ${type} has no schema`);
      else if (!type.includes('json') && schema.format !== 'binary' && schema.type !== 'string')
        problems.push(`${label(o)}: ${status} ${type} is not described as a file`);
    }
  }
  for (const status of requiredErrors(doc, o)) {
    const answer = responses[String(status)];
    if (!answer) problems.push(`${label(o)}: ${status} is not documented`);
    else if (!isErrorBody(doc, answer.content?.['application/json']?.schema))
      problems.push(`${label(o)}: ${status} does not use the shared ErrorBody schema`);
  }
  for (const [status, answer] of Object.entries(responses))
    if (/^4\d\d$/.test(status) && !isErrorBody(doc, answer.content?.['application/json']?.schema))
      problems.push(`${label(o)}: ${status} does not use the shared ErrorBody schema`);
  return [...new Set(problems)];
}

/** Every `$ref` of the document names a schema it has. */
export function danglingRefs(doc: OpenApiDoc): string[] {
  const out: string[] = [];
  const walk = (node: any, where: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && !component(doc, v)) out.push(`${where}: ${v}`);
        else walk(v, `${where}.${k}`);
      }
  };
  walk(doc, '$');
  return out;
}

/**
 * Validates real answers against the document. Ajv reads the document as one schema (its $refs
 * point into it). OpenAPI 3.0's `nullable: true` is read as client generators read it ("this, or
 * null"), also on a `$ref` wrapped in allOf and on an enum. Extra properties are an error too
 * (`additionalProperties: false` is added to every object schema that lists its properties), so a
 * field the code answers but the document omits is caught, not only a field it promises and lacks.
 */
export class AnswerValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(closed(nullableAsNull(structuredClone(doc))), 'openapi');
  }

  /** The errors of `body` against the operation's `status` JSON schema, or [] when it conforms. */
  errors(method: string, path: string, status: number, body: unknown): string[] {
    const key = `${method} ${path} ${status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const op = this.doc.paths[path]?.[method];
      if (!op?.responses?.[status]?.content?.['application/json']) return [`${key}: not in the document`];
      const pointer = ['paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema']
        .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/');
      validate = this.ajv.compile({ $ref: `openapi#/${pointer}` });
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

/**
 * Marks every object schema that lists its properties as closed (no property the document does not
 * name), except the error body: an error may carry fields of its own (DomainError's `extra`), which
 * the operation documents beside it in an allOf.
 */
function closed(doc: any): any {
  const close = (node: any) => {
    if (Array.isArray(node)) node.forEach(close);
    else if (node && typeof node === 'object') {
      if (node.properties && node.additionalProperties === undefined && !node.allOf) node.additionalProperties = false;
      Object.values(node).forEach(close);
    }
  };
  for (const [name, schema] of Object.entries(doc.components.schemas)) if (name !== 'ErrorBody') close(schema);
  close(doc.paths);
  return doc;
}

/** `{…, nullable: true}` becomes `{anyOf: [{type: 'null'}, {…}]}`: null, or what the rest of the schema says. */
function nullableAsNull(node: any): any {
  if (Array.isArray(node)) return node.map(nullableAsNull);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableAsNull(v)]));
  if (out.nullable !== true) return out;
  const { nullable: _n, description, ...rest } = out;
  return { ...(description === undefined ? {} : { description }), anyOf: [{ type: 'null' }, rest] };
}
