/* eslint-disable @typescript-eslint/no-explicit-any */
// The directory and council administration: organizations, people, preferences, councils with
// their policy and robot channels, the working-day calendar, and the OpenAPI document.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

const PASSWORD = 'a-long-password-1';
const fieldsOf = (res: { body: any }) => (res.body?.details ?? []).map((d: any) => d.field);

describe('directory: organizations, people, councils, calendars, OpenAPI', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T09:00:00+08:00'));

  /** Walks a paged list until `id` turns up (the run's database is shared by every test file). */
  async function listed(client: ApiClient, path: string, id: string): Promise<boolean> {
    let cursor: string | null = null;
    do {
      const page: any = await ok(client.get(`${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`), 200);
      if (page.items.some((x: any) => x.id === id)) return true;
      cursor = page.nextCursor;
    } while (cursor);
    return false;
  }

  describe('organizations', () => {
    it('the admin creates and changes them; anyone signed in reads them', async () => {
      const created = await ok(
        t.admin.post('/organizations', {
          name: `高新区管委会 ${randomUUID().slice(0, 6)}`,
          kind: 'management_committee',
          parentId: w.orgs.lead,
        }),
      );
      expect(created).toMatchObject({ id: expect.any(String), kind: 'management_committee', parentId: w.orgs.lead });
      expect(await ok(w.as.outsider.get(`/organizations/${created.id}`), 200)).toMatchObject({ id: created.id, name: created.name });
      expect(await listed(w.as.owner, '/organizations', created.id)).toBe(true);
      const renamed = await ok(
        t.admin.patch(`/organizations/${created.id}`, { name: `${created.name} (更名)`, leaderId: w.ids.leadMember }),
        200,
      );
      expect(renamed).toMatchObject({ name: `${created.name} (更名)`, leaderId: w.ids.leadMember });
    });

    it('others may not create or change them (403); nobody unsigned reads them (401)', async () => {
      expect((await w.as.chair.post('/organizations', { name: '越权创建', kind: 'company' })).status).toBe(403);
      expect((await w.as.leadLeader.patch(`/organizations/${w.orgs.lead}`, { name: '越权改名' })).status).toBe(403);
      expect((await t.anonymous.get('/organizations')).status).toBe(401);
      expect((await t.admin.get(`/organizations/${randomUUID()}`)).status).toBe(404);
    });

    it('refuses an unknown kind and unknown references with a 400 naming the field', async () => {
      expect(fieldsOf(await t.admin.post('/organizations', { name: 'x', kind: 'club' }))).toContain('kind');
      expect(fieldsOf(await t.admin.post('/organizations', { name: 'x', kind: 'company', leaderId: randomUUID() }))).toContain('leaderId');
      expect(fieldsOf(await t.admin.post('/organizations', { name: 'x', kind: 'company', parentId: randomUUID() }))).toContain('parentId');
    });
  });

  describe('people', () => {
    /** No answer ever carries the password, its hash, or anything that looks like one. */
    const expectNoSecrets = (body: unknown, password: string) => {
      const text = JSON.stringify(body);
      expect(text).not.toContain(password);
      expect(text).not.toMatch(/argon2|passwordHash|password_hash|"password"|calendarToken/i);
    };

    it('the password is in no answer: create, get, list, update, login, me', async () => {
      const username = `cadre-${randomUUID().slice(0, 8)}`;
      const created = await t.admin.post('/people', {
        username,
        password: PASSWORD,
        name: '李干部',
        organizationId: w.orgs.lead,
        title: '副主任',
        email: 'li@example.cn',
        phone: '+86 138 0000 0000',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username, name: '李干部', organizationId: w.orgs.lead, title: '副主任', isAdmin: false });
      expectNoSecrets(created.body, PASSWORD);

      const login = await t.anonymous.post('/auth/login', { username, password: PASSWORD });
      expect(login.status).toBe(200);
      expectNoSecrets(login.body.user, PASSWORD);
      const self = await t.login(username, PASSWORD);
      const answers = [
        await self.get('/auth/me'),
        await w.as.owner.get(`/people/${created.body.id}`),
        await w.as.owner.get(`/people?organizationId=${w.orgs.lead}&limit=200`),
        await self.patch(`/people/${created.body.id}`, { title: '主任', password: 'a-newer-password-2' }),
        await t.admin.patch(`/people/${created.body.id}`, { email: 'li2@example.cn' }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expectNoSecrets(answer.body, PASSWORD);
        expectNoSecrets(answer.body, 'a-newer-password-2');
      }
      expect(answers[2].body.items.map((p: any) => p.id)).toContain(created.body.id);
      // The new password works and the old one no longer does.
      expect((await t.anonymous.post('/auth/login', { username, password: PASSWORD })).status).toBe(401);
      expect((await t.anonymous.post('/auth/login', { username, password: 'a-newer-password-2' })).status).toBe(200);
    });

    it('only the admin creates people; a person changes only themselves and never their admin flag or unit', async () => {
      expect(
        (
          await w.as.chair.post('/people', {
            username: `x-${randomUUID().slice(0, 6)}`,
            password: PASSWORD,
            name: 'x',
            organizationId: w.orgs.lead,
          })
        ).status,
      ).toBe(403);
      expect((await w.as.chair.patch(`/people/${w.ids.owner}`, { name: '越权改名' })).status).toBe(403);
      expect((await w.as.owner.patch(`/people/${w.ids.owner}`, { isAdmin: true })).status).toBe(403);
      expect((await w.as.owner.patch(`/people/${w.ids.owner}`, { organizationId: w.orgs.co })).status).toBe(403);
      expect(await ok(w.as.owner.get('/auth/me'), 200)).toMatchObject({ id: w.ids.owner, isAdmin: false, organizationId: w.orgs.lead });
    });

    it('a username is taken once (409); bad fields → 400 naming them', async () => {
      const username = `dup-${randomUUID().slice(0, 6)}`;
      await ok(t.admin.post('/people', { username, password: PASSWORD, name: '甲', organizationId: w.orgs.lead }));
      expect((await t.admin.post('/people', { username, password: PASSWORD, name: '乙', organizationId: w.orgs.lead })).status).toBe(409);
      const bad = await t.admin.post('/people', {
        username: 'x y',
        password: 'short',
        name: '丙',
        organizationId: randomUUID(),
        email: 'not-an-email',
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['username', 'password', 'email']));
    });

    describe('preferences: the person and the admin only; anyone else gets 404', () => {
      const preferences = {
        channels: { inApp: true, email: true, dingtalk: false, wecom: true, feishu: false, webhook: false },
        quietHours: { start: '22:00', end: '07:30' },
      };

      it('the person reads and replaces their own', async () => {
        const defaults = await ok(w.as.coHandler.get(`/people/${w.ids.coHandler}/preferences`), 200);
        expect(defaults.channels).toMatchObject({ inApp: true });
        expect(await ok(w.as.coHandler.put(`/people/${w.ids.coHandler}/preferences`, preferences), 200)).toMatchObject(preferences);
        expect(await ok(w.as.coHandler.get(`/people/${w.ids.coHandler}/preferences`), 200)).toMatchObject(preferences);
      });

      it('the admin reads and replaces anyone’s', async () => {
        const off = { channels: { ...preferences.channels, email: false }, quietHours: null };
        expect(await ok(t.admin.put(`/people/${w.ids.coLeader}/preferences`, off), 200)).toMatchObject(off);
        expect(await ok(t.admin.get(`/people/${w.ids.coLeader}/preferences`), 200)).toMatchObject(off);
      });

      it('anyone else — even the council chair — gets 404 for reading and writing', async () => {
        for (const other of [w.as.chair, w.as.leadLeader, w.as.outsider]) {
          expect((await other.get(`/people/${w.ids.owner}/preferences`)).status).toBe(404);
          expect((await other.put(`/people/${w.ids.owner}/preferences`, preferences)).status).toBe(404);
        }
        expect((await ok(w.as.owner.get(`/people/${w.ids.owner}/preferences`), 200)).channels.email).toBe(false);
      });

      it('a bad body → 400 naming the field', async () => {
        const res = await w.as.owner.put(`/people/${w.ids.owner}/preferences`, {
          channels: { ...preferences.channels, email: 'yes' },
          quietHours: { start: '25:00', end: '07:00' },
        });
        expect(res.status).toBe(400);
        expect(fieldsOf(res)).toEqual(expect.arrayContaining(['channels.email', 'quietHours.start']));
      });
    });
  });

  describe('councils', () => {
    it('the admin creates one with members, chair, secretaries and supervisors; defaults to Asia/Shanghai and cn', async () => {
      const res = await t.admin.post('/councils', {
        name: `街道共建联席会议 ${randomUUID().slice(0, 6)}`,
        memberOrganizationIds: [w.orgs.lead, w.orgs.co],
        chairId: w.ids.chair,
        secretaryIds: [w.ids.secretary],
        supervisorIds: [w.ids.supervisor, w.ids.leadLeader],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ timezone: 'Asia/Shanghai', calendar: 'cn', chairId: w.ids.chair, secretaryIds: [w.ids.secretary] });
      expect(new Set(res.body.memberOrganizationIds)).toEqual(new Set([w.orgs.lead, w.orgs.co]));
      expect(new Set(res.body.supervisorIds)).toEqual(new Set([w.ids.supervisor, w.ids.leadLeader]));
      expect(await ok(w.as.coHandler.get(`/councils/${res.body.id}`), 200)).toMatchObject({ id: res.body.id });
      const roles = (await ok(w.as.leadLeader.get('/auth/me'), 200)).councilRoles;
      expect(roles).toEqual(expect.arrayContaining([{ councilId: res.body.id, roles: ['supervisor'] }]));
    });

    it('only the admin creates councils; unknown people or organizations → 400 naming the field', async () => {
      expect(
        (
          await w.as.chair.post('/councils', {
            name: 'x',
            memberOrganizationIds: [w.orgs.lead],
            chairId: w.ids.chair,
            secretaryIds: [],
            supervisorIds: [],
          })
        ).status,
      ).toBe(403);
      const unknownChair = await t.admin.post('/councils', {
        name: 'x',
        memberOrganizationIds: [w.orgs.lead],
        chairId: randomUUID(),
        secretaryIds: [],
        supervisorIds: [],
      });
      expect(fieldsOf(unknownChair)).toContain('chairId');
      const unknownOrg = await t.admin.post('/councils', {
        name: 'x',
        memberOrganizationIds: [randomUUID()],
        chairId: w.ids.chair,
        secretaryIds: [],
        supervisorIds: [],
      });
      expect(fieldsOf(unknownOrg)).toContain('memberOrganizationIds');
    });

    it('members read it and see it in their list; the outsider gets 404 and an empty list', async () => {
      expect(await ok(w.as.leadMember.get(`/councils/${w.councilId}`), 200)).toMatchObject({ id: w.councilId, chairId: w.ids.chair });
      expect((await ok(w.as.leadMember.get('/councils'), 200)).items.map((c: any) => c.id)).toContain(w.councilId);
      expect((await w.as.outsider.get(`/councils/${w.councilId}`)).status).toBe(404);
      expect((await ok(w.as.outsider.get('/councils'), 200)).items.map((c: any) => c.id)).not.toContain(w.councilId);
    });

    it('PATCH by the chair or the admin; 403 for other members, 404 for the outsider', async () => {
      const own = await buildWorld(t);
      expect(
        await ok(own.as.chair.patch(`/councils/${own.councilId}`, { name: '更名后的联席会议', description: '每月召开' }), 200),
      ).toMatchObject({ name: '更名后的联席会议', description: '每月召开' });
      expect(await ok(t.admin.patch(`/councils/${own.councilId}`, { timezone: 'Asia/Urumqi' }), 200)).toMatchObject({
        timezone: 'Asia/Urumqi',
      });
      for (const key of ['secretary', 'supervisor', 'owner', 'leadLeader'] as const) {
        expect({ key, status: (await own.as[key].patch(`/councils/${own.councilId}`, { name: '越权' })).status }).toEqual({
          key,
          status: 403,
        });
      }
      expect((await own.as.outsider.patch(`/councils/${own.councilId}`, { name: '越权' })).status).toBe(404);
      expect((await own.as.chair.patch(`/councils/${own.councilId}`, { timezone: 'Mars/Olympus' })).status).toBe(400);
      expect((await ok(own.as.chair.get(`/councils/${own.councilId}`), 200)).name).toBe('更名后的联席会议');
    });

    describe('PUT /councils/:id/policy', () => {
      it('stores a valid policy, which then drives the lights of the council’s items', async () => {
        const own = await buildWorld(t);
        // Due Monday 9 March: outside the default 3-working-day window on Monday 2 March, inside a 10-day one.
        const r = await resolutionIn(own, 'in_progress', { dueAt: '2026-03-09' });
        expect((await ok(own.as.owner.get(`/resolutions/${r.id}`), 200)).light).toBe('green');
        const policy = { warningWindow: '10wd', maxExtensions: 3, overrides: { urgent: { warningWindow: 'P20D' } } };
        expect(await ok(own.as.chair.put(`/councils/${own.councilId}/policy`, policy), 200)).toEqual(policy);
        expect((await ok(own.as.chair.get(`/councils/${own.councilId}`), 200)).policy).toEqual(policy);
        expect((await ok(own.as.owner.get(`/resolutions/${r.id}`), 200)).light).toBe('yellow');
      });

      it.each([
        ['policy.escalation.0.after', { escalation: [{ after: 'soon', level: 1, notify: ['owner'] }] }],
        [
          'policy.escalation.1.notify.0',
          {
            escalation: [
              { after: 'PT0S', level: 1, notify: ['owner'] },
              { after: '3wd', level: 2, notify: ['mayor'] },
            ],
          },
        ],
        ['policy.warningWindow', { warningWindow: '-3wd' }],
        ['policy.quietHours.start', { quietHours: { start: '21:70', end: '08:00' } }],
        ['policy.maxExtensions', { maxExtensions: 11 }],
        ['policy.progressReport.cron', { progressReport: { cron: 'every friday', grace: '1wd' } }],
        ['policy.overrides.urgent.warningWindow', { overrides: { urgent: { warningWindow: 'tomorrow' } } }],
        ['policy.reminders', { reminders: true }],
      ])('refuses an invalid policy with a 400 naming %s, and keeps the old one', async (field, policy) => {
        const before = (await ok(w.as.chair.get(`/councils/${w.councilId}`), 200)).policy;
        const res = await w.as.chair.put(`/councils/${w.councilId}/policy`, policy);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: expect.any(String), message: expect.stringContaining(field) });
        expect(fieldsOf(res)).toContain(field);
        expect((await ok(w.as.chair.get(`/councils/${w.councilId}`), 200)).policy).toEqual(before);
      });

      it('the admin may replace it; other members 403; the outsider 404', async () => {
        await ok(t.admin.put(`/councils/${w.councilId}/policy`, {}), 200);
        expect((await w.as.supervisor.put(`/councils/${w.councilId}/policy`, { maxExtensions: 5 })).status).toBe(403);
        expect((await w.as.secretary.put(`/councils/${w.councilId}/policy`, { maxExtensions: 5 })).status).toBe(403);
        expect((await w.as.outsider.put(`/councils/${w.councilId}/policy`, { maxExtensions: 5 })).status).toBe(404);
      });
    });

    describe('POST /councils/:id/channels', () => {
      const dingtalk = {
        type: 'dingtalk',
        name: '督查群机器人',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef',
        secret: 'SECsecret-value',
      };

      it('adds a robot channel; the answer hides the access token and the secret', async () => {
        const res = await w.as.chair.post(`/councils/${w.councilId}/channels`, dingtalk);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ id: expect.any(String), type: 'dingtalk', name: '督查群机器人', hasSecret: true });
        expect(JSON.stringify(res.body)).not.toMatch(/0123456789abcdef|SECsecret-value/);
        await ok(
          t.admin.post(`/councils/${w.councilId}/channels`, {
            type: 'webhook',
            name: '外部系统',
            url: 'https://hooks.example.com/duban',
            secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
          }),
        );
      });

      it.each([
        'http://127.0.0.1:9000/hook',
        'http://10.1.2.3/robot',
        'http://192.168.1.10/robot',
        'http://172.16.5.5/robot',
        'http://localhost:8080/robot',
        'http://[::1]/robot',
        'http://169.254.169.254/latest/meta-data',
      ])('refuses a private or loopback address %s with a 400 naming url', async (url) => {
        const res = await w.as.chair.post(`/councils/${w.councilId}/channels`, { type: 'webhook', name: '内网', url });
        expect(res.status).toBe(400);
        expect(fieldsOf(res)).toContain('url');
      });

      it('only the chair and the admin add channels', async () => {
        expect((await w.as.supervisor.post(`/councils/${w.councilId}/channels`, dingtalk)).status).toBe(403);
        expect((await w.as.outsider.post(`/councils/${w.councilId}/channels`, dingtalk)).status).toBe(404);
      });

      it('accepts a private address when WEBHOOK_ALLOW_PRIVATE=true', async () => {
        const lenient = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
        try {
          const chair = new (w.as.chair.constructor as new (baseUrl: string, token?: string) => ApiClient)(
            lenient.baseUrl,
            w.as.chair.token,
          );
          const res = await chair.post(`/councils/${w.councilId}/channels`, {
            type: 'webhook',
            name: '内网',
            url: 'http://10.1.2.3/robot',
            secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
          });
          expect(res.status).toBe(201);
        } finally {
          await lenient.close();
        }
      });
    });
  });

  describe('calendars', () => {
    it('GET /calendars/cn/days?year=2026: National Day and the make-up working days', async () => {
      const year = await ok(w.as.owner.get('/calendars/cn/days?year=2026'), 200);
      const day = (date: string) => year.items.find((d: any) => d.date === date);
      for (const date of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']) {
        expect(day(date)).toMatchObject({ date, isWorkday: false, name: expect.stringContaining('国庆'), source: 'published' });
      }
      // 调休: the Sunday before and the Saturday after National Day are working days.
      expect(day('2026-09-20')).toMatchObject({ isWorkday: true, source: 'published' });
      expect(day('2026-10-10')).toMatchObject({ isWorkday: true, source: 'published' });
      expect(day('2026-02-14')).toMatchObject({ isWorkday: true });
      expect(day('2026-02-17')).toMatchObject({ isWorkday: false, name: expect.stringContaining('春节') });
      // Ordinary days are not listed.
      expect(day('2026-03-04')).toBeUndefined();
      expect(year.items.every((d: any) => d.date.startsWith('2026-'))).toBe(true);
    });

    it('the year is required and bounded (400 naming year)', async () => {
      expect(fieldsOf(await w.as.owner.get('/calendars/cn/days'))).toContain('year');
      expect(fieldsOf(await w.as.owner.get('/calendars/cn/days?year=abc'))).toContain('year');
    });

    it('PUT /calendars/cn/days/:date overrides a day, by the admin only', async () => {
      // A far-future date, so the override cannot move any deadline another test relies on.
      const date = '2099-06-01';
      expect((await w.as.chair.put(`/calendars/cn/days/${date}`, { isWorkday: false, name: '临时调整' })).status).toBe(403);
      expect(await ok(t.admin.put(`/calendars/cn/days/${date}`, { isWorkday: false, name: '临时调整' }), 200)).toMatchObject({
        date,
        isWorkday: false,
        source: 'override',
      });
      const year = await ok(w.as.owner.get('/calendars/cn/days?year=2099'), 200);
      expect(year.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ date, isWorkday: false, name: '临时调整', source: 'override' })]),
      );
      expect(fieldsOf(await t.admin.put('/calendars/cn/days/2099-02-30', { isWorkday: true }))).toContain('date');
    });
  });

  describe('GET /docs-json', () => {
    /** Every endpoint of API.md, as method and path. */
    const API_MD = [
      'POST /auth/login',
      'GET /auth/me',
      'POST /organizations',
      'GET /organizations',
      'GET /organizations/:id',
      'PATCH /organizations/:id',
      'POST /people',
      'GET /people',
      'GET /people/:id',
      'PATCH /people/:id',
      'GET /people/:id/preferences',
      'PUT /people/:id/preferences',
      'POST /councils',
      'GET /councils',
      'GET /councils/:id',
      'PATCH /councils/:id',
      'PUT /councils/:id/policy',
      'POST /councils/:id/channels',
      'GET /calendars/cn/days',
      'PUT /calendars/cn/days/:date',
      'POST /councils/:id/meetings',
      'GET /councils/:id/meetings',
      'GET /meetings/:id',
      'POST /meetings/:id/resolutions',
      'POST /meetings/:id/resolutions/import',
      'POST /resolutions/:id/children',
      'GET /resolutions',
      'GET /resolutions/:id',
      'GET /resolutions/:id/events',
      'GET /resolutions/:id/timeline',
      'GET /resolutions/:id/checks',
      'GET /resolutions/:id/extension-requests',
      'POST /resolutions/:id/assign',
      'POST /resolutions/:id/reassign',
      'POST /resolutions/:id/accept',
      'POST /resolutions/:id/progress',
      'POST /resolutions/:id/extension-requests',
      'POST /resolutions/:id/extension-requests/:rid/approve',
      'POST /resolutions/:id/extension-requests/:rid/reject',
      'POST /resolutions/:id/completion-request',
      'POST /resolutions/:id/verify',
      'POST /resolutions/:id/return',
      'POST /resolutions/:id/cancel',
      'POST /resolutions/:id/urge',
      'POST /resolutions/:id/checks',
      'GET /notifications',
      'POST /notifications/:id/read',
      'GET /deliveries',
      'GET /people/:id/calendar.ics',
      'GET /people/:id/calendar-token',
      'GET /supervision/board',
      'POST /councils/:id/bulletins',
      'GET /bulletins/:id',
      'GET /councils/:id/assessment',
      'GET /councils/:id/audit/verify',
    ];
    /** Built with issue 2: these must exist whatever else is still missing. */
    const BUILT = API_MD.filter(
      (e) =>
        /\/(auth|organizations|people|councils|calendars|meetings|resolutions)\b/.test(e) && !/bulletins|assessment|calendar\.ics/.test(e),
    );

    const [method, path] = [(e: string) => e.split(' ')[0], (e: string) => e.split(' ')[1]];
    const concrete = (p: string) => p.replace(':date', '2099-01-05').replace(/:\w+/g, () => randomUUID());
    const documented = (p: string) => `/api/v1${p}`.replace(/:\w+/g, '{}');

    /** Whether the running service has a route for the endpoint (a route-level 404 says "Cannot METHOD …"). */
    async function exists(endpoint: string): Promise<boolean> {
      const res = await t.admin.request(method(endpoint), concrete(path(endpoint)), method(endpoint) === 'GET' ? undefined : {});
      return !(res.status === 404 && /^Cannot |not found$/i.test(res.body?.message ?? '') && !res.body?.code);
    }

    it('lists every endpoint of API.md that the service serves', async () => {
      const docs = await t.anonymous.get('/docs-json');
      expect(docs.status).toBe(200);
      const paths = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{\w+\}/g, '{}')}`),
      );
      const served: string[] = [];
      for (const endpoint of API_MD) if (await exists(endpoint)) served.push(endpoint);
      expect(served).toEqual(expect.arrayContaining(BUILT));
      const undocumented = served.filter((e) => !paths.includes(`${method(e)} ${documented(path(e))}`));
      expect(undocumented).toEqual([]);
    });

    it('the probe tells a missing route from a missing record', async () => {
      expect(await exists('GET /no-such-thing')).toBe(false);
      expect(await exists('GET /resolutions/:id')).toBe(true);
    });
  });
});
