/* eslint-disable @typescript-eslint/no-explicit-any */
// Every role of a council against every transition and every read. The expectations come from the
// tables below, written from API.md's "who" column by hand — not from the service's WORKFLOW_RULES,
// so a wrong rule in the service makes these tests fail.
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

type Role = PersonKey | 'admin';
type Status = 'registered' | 'assigned' | 'in_progress' | 'completion_requested' | 'closed' | 'cancelled';

const ROLES: Role[] = [
  'chair',
  'secretary',
  'supervisor',
  'owner',
  'leadMember',
  'leadLeader',
  'coHandler',
  'coLeader',
  'outsider',
  'admin',
];
const STATUSES: Status[] = ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled'];
const OPEN: Status[] = ['registered', 'assigned', 'in_progress', 'completion_requested'];

/** A resolution prepared for one request: the item, and the pending extension request when there is one. */
interface Prepared {
  r: any;
  requestId?: string;
}

interface TransitionCase {
  action: string;
  /** Who may run it (API.md). Everyone else who can see the item gets 403; the outsider 404. */
  allowed: Role[];
  /** The statuses it runs from (API.md); from any other status it answers 409. */
  from: Status[];
  success: 200 | 201;
  /** Whether the case needs a pending extension request on the item. */
  needsPendingExtension?: boolean;
  path: (p: Prepared) => string;
  body: (p: Prepared, w: World) => Record<string, unknown>;
}

const TRANSITIONS: TransitionCase[] = [
  {
    action: 'assign',
    allowed: ['supervisor'],
    from: ['registered'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/assign`,
    body: (p, w) => ({
      version: p.r.version,
      leadOrganizationId: w.orgs.lead,
      coOrganizationIds: [w.orgs.co],
      ownerId: w.ids.owner,
      dueAt: '2026-12-31',
    }),
  },
  {
    action: 'reassign',
    allowed: ['supervisor'],
    from: ['assigned', 'in_progress'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/reassign`,
    body: (p) => ({ version: p.r.version, dueAt: '2027-01-31' }),
  },
  {
    action: 'accept',
    allowed: ['owner'],
    from: ['assigned'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/accept`,
    body: (p) => ({ version: p.r.version }),
  },
  {
    action: 'progress',
    allowed: ['owner', 'coHandler', 'leadLeader', 'coLeader'],
    from: ['in_progress'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/progress`,
    body: (p) => ({ version: p.r.version, note: '进展', percent: 30 }),
  },
  {
    action: 'extension-requests',
    allowed: ['owner'],
    from: ['in_progress'],
    success: 201,
    path: (p) => `/resolutions/${p.r.id}/extension-requests`,
    body: (p) => ({ version: p.r.version, requestedDueAt: '2027-03-31', reason: '需要更多时间' }),
  },
  {
    action: 'extension-requests/:rid/approve',
    allowed: ['supervisor'],
    from: ['in_progress'],
    success: 200,
    needsPendingExtension: true,
    path: (p) => `/resolutions/${p.r.id}/extension-requests/${p.requestId}/approve`,
    body: (p) => ({ version: p.r.version }),
  },
  {
    action: 'extension-requests/:rid/reject',
    allowed: ['supervisor'],
    from: ['in_progress'],
    success: 200,
    needsPendingExtension: true,
    path: (p) => `/resolutions/${p.r.id}/extension-requests/${p.requestId}/reject`,
    body: (p) => ({ version: p.r.version, note: '不同意' }),
  },
  {
    action: 'completion-request',
    allowed: ['owner'],
    from: ['in_progress'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/completion-request`,
    body: (p) => ({ version: p.r.version, summary: '已完成', evidence: '验收单' }),
  },
  {
    action: 'verify',
    allowed: ['supervisor'],
    from: ['completion_requested'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/verify`,
    body: (p) => ({ version: p.r.version }),
  },
  {
    action: 'return',
    allowed: ['supervisor'],
    from: ['completion_requested'],
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/return`,
    body: (p) => ({ version: p.r.version, reason: '材料不全' }),
  },
  {
    action: 'cancel',
    allowed: ['secretary', 'supervisor', 'chair'],
    from: OPEN,
    success: 200,
    path: (p) => `/resolutions/${p.r.id}/cancel`,
    body: (p) => ({ version: p.r.version, reason: '撤销' }),
  },
  {
    action: 'urge',
    allowed: ['supervisor'],
    from: OPEN,
    success: 201,
    path: (p) => `/resolutions/${p.r.id}/urge`,
    body: (p) => ({ version: p.r.version, note: '请加快' }),
  },
  {
    action: 'checks',
    allowed: ['supervisor'],
    from: [...OPEN, 'closed'],
    success: 201,
    path: (p) => `/resolutions/${p.r.id}/checks`,
    body: (p, w) => ({
      version: p.r.version,
      checkedAt: '2026-03-02T10:00:00+08:00',
      method: 'document_review',
      inspectorIds: [w.ids.supervisor],
      findings: '材料齐全',
      rating: 'satisfactory',
    }),
  },
  {
    action: 'children',
    allowed: ['supervisor'],
    from: OPEN,
    success: 201,
    path: (p) => `/resolutions/${p.r.id}/children`,
    body: () => ({ title: '分解事项' }),
  },
];

/** Who reads what (API.md): everyone related to the item or the council; never the outsider. */
const EVERYONE_BUT_OUTSIDER: Role[] = ROLES.filter((r) => r !== 'outsider');

describe('access matrix: every role against every transition and every read', () => {
  let t: TestApp;
  let w: World;
  const as = (role: Role): ApiClient => (role === 'admin' ? t.admin : w.as[role]);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T09:00:00+08:00'));

  /**
   * A resolution naming the lead and co-handling organizations and the owner from registration on,
   * so everyone related to it can see it in every status; driven to `status` through the API.
   */
  async function prepare(status: Status, withPendingExtension = false): Promise<Prepared> {
    const parties = { leadOrganizationId: w.orgs.lead, coOrganizationIds: [w.orgs.co], ownerId: w.ids.owner };
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '开放滨河公园', ...parties }));
    let requestId: string | undefined;
    const step = async (client: ApiClient, action: string, body: Record<string, unknown>, expected = 200) => {
      const answer = await ok(client.post(`/resolutions/${r.id}/${action}`, { version: r.version, ...body }), expected);
      r = action === 'extension-requests' ? await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200) : answer;
      return answer;
    };
    if (status === 'registered') return { r };
    if (status === 'cancelled' && !withPendingExtension) {
      await step(w.as.supervisor, 'cancel', { reason: '撤销' });
      return { r };
    }
    await step(w.as.supervisor, 'assign', { ...parties, dueAt: '2026-12-31' });
    if (status === 'assigned') return { r };
    await step(w.as.owner, 'accept', {});
    if (withPendingExtension)
      requestId = (await step(w.as.owner, 'extension-requests', { requestedDueAt: '2027-02-28', reason: '延期' }, 201)).id;
    if (status === 'in_progress') return { r, requestId };
    if (status === 'cancelled') {
      await step(w.as.supervisor, 'cancel', { reason: '撤销' });
      return { r, requestId };
    }
    await step(w.as.owner, 'completion-request', { summary: '完成' });
    if (status === 'completion_requested') return { r, requestId };
    await step(w.as.supervisor, 'verify', {});
    return { r, requestId };
  }

  const expectedFor = (role: Role, c: { allowed: Role[]; success: number }) =>
    role === 'outsider' ? 404 : c.allowed.includes(role) ? c.success : 403;

  /**
   * Items for requests that are expected to be refused, shared per status: a refusal changes nothing
   * (each test checks that), so one item serves them all. A request expected to succeed gets its own.
   */
  const untouched = new Map<string, Promise<Prepared>>();
  function itemFor(status: Status, withPendingExtension: boolean | undefined, expectSuccess: boolean): Promise<Prepared> {
    if (expectSuccess) return prepare(status, withPendingExtension);
    const key = `${status}:${!!withPendingExtension}`;
    if (!untouched.has(key)) untouched.set(key, prepare(status, withPendingExtension));
    return untouched.get(key)!;
  }

  describe.each(TRANSITIONS)('POST /resolutions/:id/$action', (c) => {
    it.each(ROLES)('as %s', async (role) => {
      const expected = expectedFor(role, c);
      const p = await itemFor(c.from[0], c.needsPendingExtension, expected < 300);
      const res = await as(role).post(c.path(p), c.body(p, w));
      expect({ role, status: res.status }).toEqual({ role, status: expected });
      if (expected >= 400) {
        expect(res.body).toMatchObject({ statusCode: expected, error: expect.any(String), message: expect.any(String) });
        // A refused request changes nothing.
        const after = await ok(w.as.supervisor.get(`/resolutions/${p.r.id}`), 200);
        expect(after).toMatchObject({ version: p.r.version, status: p.r.status });
      }
    });
  });

  describe('POST /meetings/:id/resolutions (registration)', () => {
    it.each(ROLES)('as %s', async (role) => {
      const res = await as(role).post(`/meetings/${w.meetingId}/resolutions`, { title: `登记 ${role}` });
      expect({ role, status: res.status }).toEqual({ role, status: expectedFor(role, { allowed: ['secretary'], success: 201 }) });
    });
  });

  describe('reads of an assigned item (lead, co-handling organization and owner named)', () => {
    let item: Prepared;
    beforeAll(async () => {
      item = await prepare('in_progress', true);
    });

    const READS: { name: string; path: (p: Prepared) => string; readers: Role[] }[] = [
      { name: 'GET /resolutions/:id', path: (p) => `/resolutions/${p.r.id}`, readers: EVERYONE_BUT_OUTSIDER },
      { name: 'GET /resolutions/:id/events', path: (p) => `/resolutions/${p.r.id}/events`, readers: EVERYONE_BUT_OUTSIDER },
      {
        name: 'GET /resolutions/:id/extension-requests',
        path: (p) => `/resolutions/${p.r.id}/extension-requests`,
        readers: EVERYONE_BUT_OUTSIDER,
      },
      { name: 'GET /resolutions/:id/checks', path: (p) => `/resolutions/${p.r.id}/checks`, readers: EVERYONE_BUT_OUTSIDER },
      { name: 'GET /resolutions/:id/timeline', path: (p) => `/resolutions/${p.r.id}/timeline`, readers: EVERYONE_BUT_OUTSIDER },
      { name: 'GET /councils/:id', path: () => `/councils/${w.councilId}`, readers: EVERYONE_BUT_OUTSIDER },
      { name: 'GET /councils/:id/meetings', path: () => `/councils/${w.councilId}/meetings`, readers: EVERYONE_BUT_OUTSIDER },
      { name: 'GET /meetings/:id', path: () => `/meetings/${w.meetingId}`, readers: EVERYONE_BUT_OUTSIDER },
      {
        name: 'GET /councils/:id/audit/verify',
        path: () => `/councils/${w.councilId}/audit/verify`,
        readers: ['chair', 'supervisor', 'admin'],
      },
    ];

    for (const read of READS) {
      it.each(ROLES)(`${read.name} as %s`, async (role) => {
        const res = await as(role).get(read.path(item));
        const expected = role === 'outsider' ? 404 : read.readers.includes(role) ? 200 : 403;
        expect({ role, status: res.status }).toEqual({ role, status: expected });
        if (read.name === 'GET /resolutions/:id' && expected === 200)
          expect(res.body).toMatchObject({ id: item.r.id, version: item.r.version });
      });
    }

    it.each(ROLES)('GET /resolutions lists the item for %s unless they are the outsider', async (role) => {
      const inCouncil = await ok(as(role).get(`/resolutions?councilId=${w.councilId}&limit=200`), 200);
      const ids = inCouncil.items.map((x: any) => x.id);
      if (role === 'outsider') {
        expect(ids).toEqual([]);
        const everything = await ok(as(role).get('/resolutions?limit=200'), 200);
        expect(everything.items.filter((x: any) => x.councilId === w.councilId)).toEqual([]);
      } else {
        expect(ids).toContain(item.r.id);
      }
    });
  });

  describe('an item registered without organizations or owner is seen only by the council roles and the admin', () => {
    const councilReaders: Role[] = ['chair', 'secretary', 'supervisor', 'admin'];
    let r: any;
    beforeAll(async () => {
      r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '未分办事项' }));
    });

    it.each(ROLES)('as %s', async (role) => {
      const sees = councilReaders.includes(role);
      expect((await as(role).get(`/resolutions/${r.id}`)).status).toBe(sees ? 200 : 404);
      expect((await as(role).get(`/resolutions/${r.id}/events`)).status).toBe(sees ? 200 : 404);
      // Someone who cannot see the item cannot act on it either, whatever the action: 404.
      if (!sees) expect((await as(role).post(`/resolutions/${r.id}/cancel`, { version: r.version, reason: 'x' })).status).toBe(404);
      const listed = await ok(as(role).get(`/resolutions?councilId=${w.councilId}&limit=200`), 200);
      expect(listed.items.some((x: any) => x.id === r.id)).toBe(sees);
    });
  });

  describe('state matrix: the permitted actor from every status (API.md "from → to"; other statuses 409)', () => {
    const actorOf = (c: TransitionCase): Role => c.allowed[0];
    const cases = TRANSITIONS.flatMap((c) =>
      STATUSES
        // A pending extension request exists only from in_progress on.
        .filter((s) => !c.needsPendingExtension || !['registered', 'assigned'].includes(s))
        .map((status) => ({ c, status, label: `${c.action} from ${status}` })),
    );

    it.each(cases)('$label', async ({ c, status }) => {
      const expected = c.from.includes(status) ? c.success : 409;
      const p = await itemFor(status, c.needsPendingExtension, expected < 300);
      const res = await as(actorOf(c)).post(c.path(p), c.body(p, w));
      // The message rides along so that a wrong status shows why.
      expect({ status: res.status, message: res.body?.message }).toMatchObject({ status: expected });
      if (expected === 409) {
        expect(res.body.message).toContain(status.replace(/_/g, ' '));
        expect((await ok(w.as.supervisor.get(`/resolutions/${p.r.id}`), 200)).version).toBe(p.r.version);
      }
    });
  });
});
