/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ApiClient, ApiResponse } from '../api-client';
import type { TestApp } from '../app';
import type { PersonKey, World } from '../world';

export type Who = 'admin' | 'anonymous' | PersonKey;

/** Everything the tables refer to, built once through the API (see fixture.ts). */
export interface Fixture {
  t: TestApp;
  w: World;
  tag: string;
  /** One resolution per endpoint, each in the state its action needs (latest view). */
  r: Record<string, any>;
  /** Pending extension requests, by the key of their resolution. */
  extensionIds: Record<string, string>;
  /** An organization and a person the PATCH tables may change. */
  spareOrgId: string;
  sparePersonId: string;
}

/** One bad field of a body endpoint: the valid body with `set` merged in (undefined drops a key). */
export type FieldCase = [
  label: string,
  set: Record<string, unknown> | ((f: Fixture) => Record<string, unknown>),
  field: string,
  status?: number,
];

export interface BodyEndpoint {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH';
  path: (f: Fixture) => string;
  as: Who;
  /** A body the endpoint accepts: every case changes one thing of it, and it is sent last as a control. */
  valid: (f: Fixture) => Record<string, unknown>;
  /** The field named when the JSON is not an object (the policy endpoint names `policy`). */
  bodyField?: string;
  cases: FieldCase[];
}

/** One bad query of a list endpoint. */
export type QueryCase = [label: string, query: string, field: string];

export interface QueryEndpoint {
  name: string;
  path: (f: Fixture) => string;
  as: Who;
  /** A query the endpoint accepts (sent as a control). */
  valid: string;
  cases: QueryCase[];
}

/** A path parameter that is not what the route expects. */
export type PathCase = [
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: (f: Fixture) => string,
  field: string,
  body?: (f: Fixture) => unknown,
];

export function client(f: Fixture, who: Who): ApiClient {
  if (who === 'admin') return f.t.admin;
  if (who === 'anonymous') return f.t.anonymous;
  return f.w.as[who];
}

/** The field names in an error body's `details`. */
export function fieldsOf(res: ApiResponse): string[] {
  const details = res.body?.details;
  return Array.isArray(details) ? details.map((d: { field?: string }) => String(d.field)) : [];
}
