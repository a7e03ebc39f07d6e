/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { DIRECTORY_ENDPOINTS } from '../support/bad-input/directory.cases';
import { buildFixture } from '../support/bad-input/fixture';
import { PATH_CASES, QUERY_ENDPOINTS } from '../support/bad-input/query.cases';
import { RESOLUTION_ENDPOINTS } from '../support/bad-input/resolution.cases';
import { client, fieldsOf, type BodyEndpoint, type FieldCase, type Fixture } from '../support/bad-input/types';

/**
 * Bad input gets a 400 (413 when too large) whose `details` name the field — never a 500. One table per
 * endpoint; each case changes one thing of a body the endpoint accepts, and that body is sent last as a
 * control, so a 400 here is the bad field's doing and nothing else's.
 */
const BODY_ENDPOINTS: BodyEndpoint[] = [...DIRECTORY_ENDPOINTS, ...RESOLUTION_ENDPOINTS];
const ONE_MIB = 1024 * 1024;

describe('bad input → 400 naming the field, never 500', () => {
  let t: TestApp;
  let f: Fixture;
  /** Every answer of this file, for the final sweep. */
  const answers: { label: string; status: number; body: unknown }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    f = await buildFixture(t);
  });
  afterAll(() => t.close());

  const record = async (label: string, pending: Promise<ApiResponse>) => {
    const res = await pending;
    answers.push({ label, status: res.status, body: res.body });
    return res;
  };

  /** The answer, reduced to what the contract promises, so a failure shows what came back instead. */
  const expectNamed = (res: ApiResponse, status: number, field: string) => {
    expect({ status: res.status, fields: fieldsOf(res), body: res.body }).toEqual({
      status,
      fields: expect.arrayContaining([field]),
      body: expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.any(String) }),
    });
  };

  const sendJson = (e: BodyEndpoint, body: unknown) =>
    record(`${e.name} ${JSON.stringify(body)?.slice(0, 80)}`, client(f, e.as).request(e.method, e.path(f), body));
  const sendRaw = (e: BodyEndpoint, body: string, contentType?: string) =>
    record(`${e.name} raw ${body.slice(0, 40)}`, client(f, e.as).raw(e.method, e.path(f), body, contentType));

  describe.each(BODY_ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    it.each(e.cases.map((c) => [c[0], c] as const))('%s', async (_label, [, set, field, status]: FieldCase) => {
      const body = { ...e.valid(f), ...(typeof set === 'function' ? set(f) : set) };
      expectNamed(await sendJson(e, body), status ?? 400, field);
    });

    it('an unknown field', async () => {
      expectNamed(
        await sendJson(e, { ...e.valid(f), unexpectedField: 1 }),
        400,
        e.bodyField ? `${e.bodyField}.unexpectedField` : 'unexpectedField',
      );
    });

    it('an unknown field with an empty name: named, and the message says so', async () => {
      const res = await sendJson(e, { ...e.valid(f), '': 1 });
      expectNamed(res, 400, e.bodyField ? `${e.bodyField}.` : '');
      // The policy (bodyField) has its own wording; DTO bodies quote the empty name.
      if (!e.bodyField) expect((res.body as { message: string }).message).toContain('"" is not an accepted field');
    });

    it('a lone UTF-16 surrogate in a key, and a body nested 40 levels deep: 400 naming them, never a 500', async () => {
      let deep: unknown = 1;
      for (let i = 0; i < 40; i++) deep = { a: deep };
      for (const [extra, named] of [
        [{ ['odd\ud800']: 1 }, /(^|\.)odd\ud800$/],
        [{ deep }, /(^|\.)deep(\.a){31}$/],
      ] as const) {
        const res = await sendJson(e, { ...e.valid(f), ...extra });
        expect({ status: res.status, fields: fieldsOf(res) }).toEqual({
          status: 400,
          fields: expect.arrayContaining([expect.stringMatching(named)]),
        });
      }
    });

    it.each<[string, string, string, number, string]>([
      ['malformed JSON', '{"title": ', 'application/json', 400, 'body'],
      ['JSON with a trailing comma', '{"a": 1,}', 'application/json', 400, 'body'],
      ['an empty body declared as JSON', '', 'application/json', 400, 'body'],
      ['a JSON array', '[{"title":"x"}]', 'application/json', 400, e.bodyField ?? 'body'],
      ['a JSON string', '"hello"', 'application/json', 400, e.bodyField ?? 'body'],
      ['JSON null', 'null', 'application/json', 400, e.bodyField ?? 'body'],
      ['a JSON number', '42', 'application/json', 400, e.bodyField ?? 'body'],
      ['plain text', 'title=x', 'text/plain', 400, e.bodyField ?? 'body'],
    ])('%s', async (_label, raw, contentType, status, field) => {
      expectNamed(await sendRaw(e, raw, contentType), status, field);
    });

    it('no body at all', async () => {
      expectNamed(await record(`${e.name} no body`, client(f, e.as).request(e.method, e.path(f))), 400, e.bodyField ?? 'body');
    });

    it('a body over 1 MiB → 413', async () => {
      const huge = JSON.stringify({ ...e.valid(f), padding: 'x'.repeat(ONE_MIB) });
      expectNamed(await sendRaw(e, huge, 'application/json'), 413, 'body');
    });
  });

  describe.each(QUERY_ENDPOINTS.map((q) => [q.name, q] as const))('%s', (_name, q) => {
    it.each(q.cases)('%s', async (_label, query, field) => {
      const res = await record(`${q.name}?${query.slice(0, 80)}`, client(f, q.as).get(`${q.path(f)}?${query}`));
      expectNamed(res, 400, field);
    });
  });

  it.each(PATH_CASES.map((c) => [`${c[0]} ${c[1].toString().replace(/^.*?=> /, '')}`, c] as const))(
    'path: %s',
    async (_label, [method, path, field, body]) => {
      const res = await record(`${method} ${path(f)}`, t.admin.request(method, path(f), body?.(f)));
      expectNamed(res, 400, field);
    },
  );

  describe('the import endpoint', () => {
    const importPath = () => `/meetings/${f.w.meetingId}/resolutions/import`;

    it('JSON instead of a multipart file', async () => {
      expectNamed(await record('import json', f.w.as.secretary.post(importPath(), { file: 'a,b' })), 400, 'file');
    });

    it('a multipart form without a file field', async () => {
      const form = new FormData();
      form.append('notes', 'no file here');
      expectNamed(await record('import no file', f.w.as.secretary.raw('POST', importPath(), form)), 400, 'file');
    });

    it('a file over the 10 MiB upload limit → 413', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(10 * ONE_MIB + 1).fill(0x61)]), 'huge.csv');
      expectNamed(await record('import huge', f.w.as.secretary.raw('POST', importPath(), form)), 413, 'file');
    });

    it('a file under another field name', async () => {
      const form = new FormData();
      form.append('upload', new Blob(['title\n事项\n']), 'decisions.csv');
      expectNamed(await record('import wrong field', f.w.as.secretary.raw('POST', importPath(), form)), 400, 'file');
    });
  });

  describe('controls: the same endpoints accept a good request', () => {
    it.each(BODY_ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
      const res = await sendJson(e, e.valid(f));
      expect(res.status < 300 ? 'accepted' : `${res.status} ${JSON.stringify(res.body)}`).toBe('accepted');
    });

    it.each(QUERY_ENDPOINTS.map((q) => [q.name, q] as const))('%s', async (_name, q) => {
      const res = await record(`${q.name}?${q.valid}`, client(f, q.as).get(`${q.path(f)}?${q.valid}`));
      expect(res.status).toBe(200);
    });

    it('a cursor the list returned is accepted', async () => {
      const first = await f.t.admin.get('/organizations?limit=1');
      expect(first.body.nextCursor).toEqual(expect.any(String));
      expect((await record('org page 2', f.t.admin.get(`/organizations?limit=1&cursor=${first.body.nextCursor}`))).status).toBe(200);
      const resolutions = await f.w.as.supervisor.get(`/resolutions?limit=1&councilId=${f.w.councilId}&sort=dueAt`);
      expect(resolutions.body.nextCursor).toEqual(expect.any(String));
      expect(
        (
          await record(
            'resolution page 2',
            f.w.as.supervisor.get(`/resolutions?limit=1&councilId=${f.w.councilId}&sort=dueAt&cursor=${resolutions.body.nextCursor}`),
          )
        ).status,
      ).toBe(200);
    });
  });

  it('sweep: not one request of this file was answered with a 5xx', () => {
    expect(answers.length).toBeGreaterThan(700);
    expect(answers.every((a) => typeof a.status === 'number')).toBe(true);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });
});
