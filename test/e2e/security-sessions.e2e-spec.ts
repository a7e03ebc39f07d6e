/* eslint-disable @typescript-eslint/no-explicit-any */
// Sessions that can be ended (issue 10, point 3): logout, a password change, an admin reset and
// disabling an account make every earlier token invalid; changing one's own password needs the
// current one, so a stolen token alone cannot take the account; new passwords follow the rule.
import { randomUUID } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/world';

const PASSWORD = 'first-password-2026';
const fieldsOf = (res: { body: any }) => (res.body?.details ?? []).map((d: any) => d.field);

describe('security: sessions and passwords', () => {
  let t: TestApp;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    orgId = (await ok(t.admin.post('/organizations', { name: `会话测试单位 ${randomUUID().slice(0, 8)}`, kind: 'company' }))).id;
  });
  afterAll(() => t.close());

  async function person(): Promise<{ id: string; username: string }> {
    const username = `s-${randomUUID().slice(0, 8)}`;
    const created = await ok(t.admin.post('/people', { username, password: PASSWORD, name: '会话测试', organizationId: orgId }));
    return { id: created.id, username };
  }

  const alive = async (client: ApiClient) => (await client.get('/auth/me')).status;

  it('logout ends every token issued so far; a new sign-in works', async () => {
    const p = await person();
    const first = await t.login(p.username, PASSWORD);
    const second = await t.login(p.username, PASSWORD);
    expect(await alive(first)).toBe(200);
    const out = await first.post('/auth/logout');
    expect(out.status).toBe(204);
    expect(await alive(first)).toBe(401);
    expect(await alive(second)).toBe(401);
    expect((await first.get('/auth/me')).body.message).toMatch(/session has ended/);
    expect((await t.anonymous.post('/auth/logout')).status).toBe(401);
    expect(await alive(await t.login(p.username, PASSWORD))).toBe(200);
  });

  it("changing one's own password needs currentPassword: missing 400, wrong 403, right 200 and every old token dies", async () => {
    const p = await person();
    const stolen = await t.login(p.username, PASSWORD);
    const missing = await stolen.patch(`/people/${p.id}`, { password: 'taken-over-2026' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toEqual(['currentPassword']);
    const wrong = await stolen.patch(`/people/${p.id}`, { password: 'taken-over-2026', currentPassword: 'a-guess-at-it' });
    expect(wrong.status).toBe(403);
    expect(fieldsOf(wrong)).toEqual(['currentPassword']);
    // Neither attempt changed anything.
    expect((await t.anonymous.post('/auth/login', { username: p.username, password: 'taken-over-2026' })).status).toBe(401);
    expect(await alive(stolen)).toBe(200);

    const other = await t.login(p.username, PASSWORD);
    const changed = await stolen.patch(`/people/${p.id}`, { password: 'second-password-2026', currentPassword: PASSWORD });
    expect(changed.status).toBe(200);
    expect(await alive(stolen)).toBe(401);
    expect(await alive(other)).toBe(401);
    expect((await t.anonymous.post('/auth/login', { username: p.username, password: PASSWORD })).status).toBe(401);
    expect(await alive(await t.login(p.username, 'second-password-2026'))).toBe(200);
  });

  it('currentPassword alone, without password, is refused naming it', async () => {
    const p = await person();
    const self = await t.login(p.username, PASSWORD);
    const res = await self.patch(`/people/${p.id}`, { currentPassword: PASSWORD, title: '科员' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['currentPassword']);
  });

  it("an admin reset needs no current password and ends the person's sessions; other fields leave them alone", async () => {
    const p = await person();
    const session = await t.login(p.username, PASSWORD);
    await ok(t.admin.patch(`/people/${p.id}`, { title: '副科长' }), 200);
    expect(await alive(session)).toBe(200);
    await ok(t.admin.patch(`/people/${p.id}`, { password: 'reset-by-admin-2026' }), 200);
    expect(await alive(session)).toBe(401);
    expect(await alive(await t.login(p.username, 'reset-by-admin-2026'))).toBe(200);
    // The admin's own session is not touched by resetting someone else.
    expect(await alive(t.admin)).toBe(200);
  });

  it('disabling ends the sessions and refuses sign-in; enabling lets the person in again; admin only', async () => {
    const p = await person();
    const session = await t.login(p.username, PASSWORD);
    expect((await session.post(`/people/${p.id}/disable`)).status).toBe(403);
    const disabled = await ok(t.admin.post(`/people/${p.id}/disable`), 200);
    expect(disabled.disabledAt).toEqual(expect.any(String));
    expect(await alive(session)).toBe(401);
    const refused = await t.anonymous.post('/auth/login', { username: p.username, password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('AUTH_ACCOUNT_DISABLED');
    // A wrong password is answered as for anyone, so being disabled is not told to a guesser.
    expect((await t.anonymous.post('/auth/login', { username: p.username, password: 'not-the-password' })).body.code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
    expect((await ok(t.admin.post(`/people/${p.id}/enable`), 200)).disabledAt).toBeNull();
    expect(await alive(session)).toBe(401);
    expect(await alive(await t.login(p.username, PASSWORD))).toBe(200);
  });

  it('an admin may not disable their own account (409); unknown people are 404', async () => {
    const me = await ok(t.admin.get('/auth/me'), 200);
    expect((await t.admin.post(`/people/${me.id}/disable`)).status).toBe(409);
    expect((await t.admin.post(`/people/${randomUUID()}/disable`)).status).toBe(404);
    expect((await t.admin.post(`/people/${randomUUID()}/enable`)).status).toBe(404);
  });

  describe('the password rule: at least 10 characters, not the username, not a common password', () => {
    it.each([
      ['12345678', /at least 10 characters/],
      ['1234567890', /most common passwords/],
      ['Password123', /most common passwords/],
    ])('a new person with %s → 400 naming password', async (password, message) => {
      const res = await t.admin.post('/people', {
        username: `r-${randomUUID().slice(0, 8)}`,
        password,
        name: '规则',
        organizationId: orgId,
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['password']);
      expect(res.body.message).toMatch(message);
    });

    it('the username as password is refused, on creation and on change', async () => {
      const username = `same-as-name-${randomUUID().slice(0, 6)}`;
      const res = await t.admin.post('/people', { username, password: username.toUpperCase(), name: '规则', organizationId: orgId });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/must not be the username/);
      const p = await person();
      const self = await t.login(p.username, PASSWORD);
      const change = await self.patch(`/people/${p.id}`, { password: p.username, currentPassword: PASSWORD });
      expect(change.status).toBe(400);
      expect(fieldsOf(change)).toEqual(['password']);
      // A refused change keeps the session and the old password.
      expect(await alive(self)).toBe(200);
    });
  });
});
