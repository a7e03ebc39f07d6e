/** What an operation accepts: the service's OpenAPI document, completed from the DTOs' class-validator rules. */
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import type { TestApp } from '../app';

const SEED = Number(process.env.FUZZ_SEED ?? 42);

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
export const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

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

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** One field of a body or query: its class-validator rules (name → constraints), e.g. maxLength → [500]. */
export interface FieldSpec {
  name: string;
  required: boolean;
  rules: Map<string, unknown[]>;
  /** Rules applied to each element of an array (`{ each: true }`). */
  eachRules: Set<string>;
  /** The fields of a nested DTO (@ValidateNested). */
  nested?: FieldSpec[];
}

export interface Operation {
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

export const label = (op: Operation) => `${op.method} ${op.template}`;
/** The operationId of the requests sent with a method the path does not document. */
export const UNDOCUMENTED = '(undocumented method)';

/** The seed of one operation's property: fixed, but not the same for all (same seed → same choices everywhere). */
export function seedOf(op: Operation): number {
  let hash = 0x811c9dc5; // FNV-1a of the label
  for (const ch of label(op)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (SEED ^ hash) | 0;
}

type Ctor = abstract new (...args: never[]) => unknown;
const isCtor = (value: unknown): value is Ctor =>
  typeof value === 'function' && ![Object, String, Number, Boolean, Array].includes(value as never);

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
export function routeFields(t: TestApp): Map<string, RouteFields> {
  const out = new Map<string, RouteFields>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Ctor | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) as
          Record<string, { index: number; data?: unknown }> | undefined;
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
export function operationsOf(doc: OpenApiDocument, fields: Map<string, RouteFields>): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [m, o] of Object.entries(item)) {
      const method = m.toUpperCase() as Method;
      if (!METHODS.includes(method)) continue;
      const params = o.parameters ?? [];
      const validated = fields.get(o.operationId) ?? { body: [], query: [] };
      const content = o.requestBody?.content ?? {};
      const bodySchema = resolveSchema(doc, content['application/json']?.schema);
      const documentedBody = Object.entries(bodySchema?.properties ?? {}).map(([name, s]) =>
        fieldOfSchema(name, s, bodySchema?.required?.includes(name) ?? false),
      );
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
        // Ending sessions (logout, disabling, a password reset) also belongs there: done to the main world
        // it would leave the later operations nothing but 401s.
        sacrificial:
          ((method === 'PATCH' || method === 'PUT') && /^\/api\/v1\/(organizations|people|councils)\//.test(template)) ||
          template === '/api/v1/auth/logout' ||
          /^\/api\/v1\/people\/\{\w+\}\/(disable|enable)$/.test(template),
      });
    }
  }
  return ops;
}
