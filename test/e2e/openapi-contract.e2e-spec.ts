/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The OpenAPI document (GET /docs-json) is a complete contract: every operation declares the schema
 * of its success answer (or the content types of a file) and the error answers it can give, all
 * with the one shared error body; and real answers of the booted service match what it declares.
 */
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import {
  AnswerValidator,
  contractProblems,
  danglingRefs,
  type OpenApiDoc,
  operationsOf,
  requiredErrors,
} from '../support/openapi-contract';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

describe('the OpenAPI document describes every answer', () => {
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await fetch(`${t.baseUrl}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDoc;
  });
  afterAll(() => t?.close());

  it('lists every route of the service', () => {
    // A floor, so a document that lost its controllers cannot pass the checks below by having nothing to check.
    expect(operationsOf(doc).length).toBeGreaterThanOrEqual(60);
  });

  it('gives every operation a success schema and its error answers, with the shared error body', () => {
    const problems = operationsOf(doc).flatMap((o) => contractProblems(doc, o));
    expect(problems).toEqual([]);
  });

  it('the check finds an operation that lost its schema or an error answer', () => {
    const broken = structuredClone(doc);
    const get = broken.paths['/api/v1/resolutions/{id}'].get;
    delete get.responses['200'].content;
    delete get.responses['404'];
    const accept = broken.paths['/api/v1/resolutions/{id}/accept'].post;
    accept.responses['409'].content['application/json'].schema = { type: 'object' };
    expect(operationsOf(broken).flatMap((o) => contractProblems(broken, o))).toEqual([
      'GET /api/v1/resolutions/{id}: 200 has no content (no schema)',
      'GET /api/v1/resolutions/{id}: 404 is not documented',
      'POST /api/v1/resolutions/{id}/accept: 409 does not use the shared ErrorBody schema',
    ]);
  });

  it('derives the error answers from what an operation takes', () => {
    const op = (method: string, path: string) => ({ method, path, op: doc.paths[path][method] });
    expect(requiredErrors(doc, op('post', '/api/v1/resolutions/{id}/accept'))).toEqual([400, 401, 404, 409, 413, 414, 415]);
    expect(requiredErrors(doc, op('post', '/api/v1/auth/login'))).toEqual([400, 413, 415, 429]);
    expect(requiredErrors(doc, op('post', '/api/v1/auth/logout'))).toEqual([400, 401, 413, 415]);
    expect(requiredErrors(doc, op('get', '/api/v1/councils'))).toEqual([401]);
    expect(requiredErrors(doc, op('get', '/health'))).toEqual([]);
  });

  it('has no reference to a schema it does not define', () => {
    expect(danglingRefs(doc)).toEqual([]);
  });

  it('documents the downloads with their content types', () => {
    const types = (path: string) => Object.keys(doc.paths[path].get.responses['200'].content).sort();
    expect(types('/api/v1/bulletins/{id}')).toEqual(
      [
        'application/json',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'text/csv',
        'text/html',
      ].sort(),
    );
    expect(types('/api/v1/meetings/{id}/follow-up')).toEqual(
      ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].sort(),
    );
    expect(types('/api/v1/people/{id}/calendar.ics')).toEqual(['text/calendar']);
  });

  describe('real answers match their declared schema', () => {
    let w: World;
    let v: AnswerValidator;
    const check = async (client: ApiClient, path: string, docPath: string, status = 200) => {
      const res = await client.get(path);
      expect(res.status).toBe(status);
      expect(v.errors('get', docPath, status, res.body)).toEqual([]);
      return res.body;
    };

    beforeAll(async () => {
      v = new AnswerValidator(doc);
      w = await buildWorld(t);
    });

    it('the validator is strict: a missing field, a wrong type and an unknown field are each caught', async () => {
      const r = await resolutionIn(w, 'in_progress');
      const good = (await w.as.supervisor.get(`/resolutions/${r.id}`)).body;
      const path = '/api/v1/resolutions/{id}';
      expect(v.errors('get', path, 200, good)).toEqual([]);
      const { version: _v, ...missing } = good;
      expect(v.errors('get', path, 200, missing).join()).toMatch(/version/);
      expect(v.errors('get', path, 200, { ...good, progress: '10' }).join()).toMatch(/progress/);
      expect(v.errors('get', path, 200, { ...good, surprise: 1 }).join()).toMatch(/surprise/);
      expect(v.errors('get', path, 200, { ...good, light: 'blue' }).join()).toMatch(/light/);
    });

    it('GET /resolutions/:id, in every state, with children, progress and a pending extension', async () => {
      const docPath = '/api/v1/resolutions/{id}';
      for (const status of ['registered', 'assigned', 'completion_requested', 'closed', 'cancelled'] as const) {
        const r = await resolutionIn(w, status);
        await check(w.as.supervisor, `/resolutions/${r.id}`, docPath);
      }
      let r = await resolutionIn(w, 'in_progress');
      r = await ok(w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, percent: 30, note: '已完成拆迁摸底' }), 200);
      await ok(
        w.as.owner.post(`/resolutions/${r.id}/extension-requests`, { version: r.version, requestedDueAt: '2027-03-31', reason: '雨季' }),
      );
      await ok(w.as.supervisor.post(`/resolutions/${r.id}/children`, { title: '子事项：补偿方案' }));
      const body = await check(w.as.supervisor, `/resolutions/${r.id}`, docPath);
      expect(body.children).toHaveLength(1);
      expect(body.lastProgress).not.toBeNull();
      expect(body.pendingExtension).not.toBeNull();
      // The owner sees the same shape, with their own actions.
      await check(w.as.owner, `/resolutions/${r.id}`, docPath);
    });

    it('GET /supervision/board, for one council and for every council supervised', async () => {
      // Due in two days, then the clock moves past it: the board has an overdue item to list.
      await resolutionIn(w, 'in_progress', { dueAt: '2026-03-04' });
      t.clock.advance(5 * 24 * 3600_000);
      const one = await check(w.as.supervisor, `/supervision/board?councilId=${w.councilId}`, '/api/v1/supervision/board');
      expect(one.overdue.length).toBeGreaterThan(0);
      await check(w.as.supervisor, '/supervision/board', '/api/v1/supervision/board');
      await check(t.admin, '/supervision/board', '/api/v1/supervision/board');
    });

    it('GET /notifications, read and unread', async () => {
      const r = await resolutionIn(w, 'in_progress');
      await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '请加快进度' }));
      const inbox = await check(w.as.owner, '/notifications', '/api/v1/notifications');
      expect(inbox.items.length).toBeGreaterThan(0);
      await ok(w.as.owner.post(`/notifications/${inbox.items[0].id}/read`), 200);
      await check(w.as.owner, '/notifications?limit=1', '/api/v1/notifications');
      await check(w.as.owner, '/notifications?unread=true', '/api/v1/notifications');
    });

    it('GET /councils/:id, with and without a policy (typed from the zod schema that validates it)', async () => {
      await check(w.as.supervisor, `/councils/${w.councilId}`, '/api/v1/councils/{id}');
      const policy = {
        maxExtensions: 2,
        quietHours: { start: '22:00', end: '07:30' },
        escalation: [{ after: '1wd', level: 1, notify: ['leadLeader'] }],
        board: { rankPeople: false },
        assessment: { mode: 'deduction', deductions: { missedReport: 2 } },
        overrides: { urgent: { warningWindow: 'P1D' } },
      };
      const stored = await ok(t.admin.put(`/councils/${w.councilId}/policy`, policy), 200);
      expect(v.errors('put', '/api/v1/councils/{id}/policy', 200, stored)).toEqual([]);
      const council = await check(w.as.chair, `/councils/${w.councilId}`, '/api/v1/councils/{id}');
      expect(council.policy).toMatchObject(policy);
      // The schema is the policy's own: a key it does not know is refused by the document too.
      expect(v.errors('get', '/api/v1/councils/{id}', 200, { ...council, policy: { ...policy, rankPeople: true } }).join()).toMatch(
        /rankPeople/,
      );
    });

    it('an error answer matches the shared error body', async () => {
      const res = await w.as.supervisor.get('/resolutions/not-a-uuid');
      expect(res.status).toBe(400);
      expect(v.errors('get', '/api/v1/resolutions/{id}', 400, res.body)).toEqual([]);
      const missing = await w.as.supervisor.get('/resolutions/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(v.errors('get', '/api/v1/resolutions/{id}', 404, missing.body)).toEqual([]);
    });
  });
});
