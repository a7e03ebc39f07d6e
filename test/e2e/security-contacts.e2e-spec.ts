/* eslint-disable @typescript-eslint/no-explicit-any */
// Leaks (issue 10, point 7, part): API answers are not cached (`Cache-Control: no-store`), and a
// person's contact details (email, phone, IM ids) reach only themselves, admins, and the chair,
// secretaries and supervisors of a council they share.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type PersonKey, type World } from '../support/world';

const CONTACT = { email: 'owner@example.cn', phone: '+86 138 0000 1111', dingtalkUserId: 'ding-owner', wecomUserId: 'wecom-owner' };
const HIDDEN = { email: null, phone: null, dingtalkUserId: null, wecomUserId: null, contactHidden: true };

describe('security: contact details and caching', () => {
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    other = await buildWorld(t);
    await ok(t.admin.patch(`/people/${w.ids.owner}`, CONTACT), 200);
    await ok(t.admin.patch(`/people/${w.ids.outsider}`, { email: 'outsider@example.cn' }), 200);
  });
  afterAll(() => t.close());

  const sees: [PersonKey, boolean][] = [
    ['owner', true],
    ['chair', true],
    ['secretary', true],
    ['supervisor', true],
    ['leadMember', false],
    ['leadLeader', false],
    ['coHandler', false],
    ['coLeader', false],
    ['outsider', false],
  ];

  it.each(sees)("the owner's contact details as seen by the %s: %s", async (key, visible) => {
    const one = await ok(w.as[key].get(`/people/${w.ids.owner}`), 200);
    const list = await ok(w.as[key].get(`/people?organizationId=${w.orgs.lead}&limit=200`), 200);
    const listed = list.items.find((p: any) => p.id === w.ids.owner);
    for (const view of [one, listed]) expect(view).toMatchObject(visible ? { ...CONTACT, contactHidden: false } : HIDDEN);
    // Name, unit and title stay visible to every signed-in person.
    expect(one).toMatchObject({ id: w.ids.owner, name: expect.any(String), organizationId: w.orgs.lead });
  });

  it('the admin sees them; so does the person on /auth/me and in the login answer', async () => {
    expect(await ok(t.admin.get(`/people/${w.ids.owner}`), 200)).toMatchObject(CONTACT);
    expect(await ok(w.as.owner.get('/auth/me'), 200)).toMatchObject(CONTACT);
  });

  it("another council's chair and supervisor do not; nor does this chair for someone outside the council", async () => {
    for (const client of [other.as.chair, other.as.supervisor])
      expect(await ok(client.get(`/people/${w.ids.owner}`), 200)).toMatchObject(HIDDEN);
    expect(await ok(w.as.chair.get(`/people/${w.ids.outsider}`), 200)).toMatchObject({ email: null, contactHidden: true });
  });

  it('API answers, errors included, say Cache-Control: no-store', async () => {
    for (const res of [
      await w.as.owner.get('/auth/me'),
      await w.as.owner.get(`/people/${w.ids.owner}`),
      await t.anonymous.get('/auth/me'),
      await t.anonymous.post('/auth/login', { username: 'nobody-at-all', password: 'not-a-password' }),
    ])
      expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
