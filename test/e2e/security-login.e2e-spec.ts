/* eslint-disable @typescript-eslint/no-explicit-any */
// Login rate limits (issue 10, point 2): failed sign-ins are counted per username and per client
// address in Redis, shared by every API process; a spent counter answers 429 with Retry-After, the
// right password included, until its window ends. A wrong current password of a password change
// counts against the account too.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/world';
import { ownPrefix } from '../support/redis-keys';

const PASSWORD = 'right-password-2026';

describe('security: login rate limits across API processes', () => {
  // Two API processes sharing one Redis, with a counter prefix of their own, so the hundreds of failures
  // below do not count against the address of the other test files of this run.
  const prefix = ownPrefix(`login-${randomUUID().slice(0, 8)}`);
  let a: TestApp;
  let b: TestApp;
  let orgId: string;

  beforeAll(async () => {
    const env = {
      QUEUE_PREFIX: prefix,
      LOGIN_WINDOW_SECONDS: '600',
      LOGIN_FAILURES_PER_USERNAME: '10',
      LOGIN_FAILURES_PER_ADDRESS: '1000',
    };
    a = await startTestApp({ env });
    b = await startTestApp({ env });
    orgId = (await ok(a.admin.post('/organizations', { name: `限流测试单位 ${randomUUID().slice(0, 8)}`, kind: 'company' }))).id;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  async function person(): Promise<string> {
    const username = `l-${randomUUID().slice(0, 8)}`;
    await ok(a.admin.post('/people', { username, password: PASSWORD, name: '限流测试', organizationId: orgId }));
    return username;
  }

  it('the 301st wrong password, spread over two processes, is 429; so is the right one', async () => {
    const username = await person();
    const statuses: number[] = [];
    // Sent in parallel bursts, as a guesser would: the counter is atomic, so no burst slips past it.
    for (let burst = 0; burst < 10; burst++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).anonymous.post('/auth/login', { username, password: `guess-${burst}-${i}` })),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(290);

    const last = await a.anonymous.post('/auth/login', { username, password: 'guess-301' });
    expect(last.status).toBe(429);
    const retryAfter = Number(last.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(last.body).toMatchObject({ statusCode: 429, code: 'AUTH_TOO_MANY_ATTEMPTS' });
    expect(last.body.message).toMatch(/too many failed sign-in attempts; try again in \d+ s/);

    for (const app of [a, b]) expect((await app.anonymous.post('/auth/login', { username, password: PASSWORD })).status).toBe(429);
  });

  it('a spent counter of one username leaves other usernames alone', async () => {
    const victim = await person();
    const bystander = await person();
    for (let i = 0; i < 11; i++) await a.anonymous.post('/auth/login', { username: victim, password: `guess-${i}` });
    expect((await b.anonymous.post('/auth/login', { username: victim, password: PASSWORD })).status).toBe(429);
    expect((await b.anonymous.post('/auth/login', { username: bystander, password: PASSWORD })).status).toBe(200);
  });

  it('wrong current passwords of a password change count against the account', async () => {
    const username = await person();
    const stolen = await a.login(username, PASSWORD);
    const me = await ok(stolen.get('/auth/me'), 200);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await stolen.patch(`/people/${me.id}`, { password: 'taken-over-2026', currentPassword: `guess-${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(403), 429, 429]);
    expect((await b.anonymous.post('/auth/login', { username, password: PASSWORD })).status).toBe(429);
  });
});

describe('security: the login window', () => {
  let t: TestApp;

  beforeAll(async () => {
    const env = {
      QUEUE_PREFIX: ownPrefix(`login-${randomUUID().slice(0, 8)}`),
      LOGIN_WINDOW_SECONDS: '3',
      LOGIN_FAILURES_PER_USERNAME: '3',
    };
    t = await startTestApp({ env });
  });
  afterAll(() => t.close());

  it('the right password stays 429 until the window passes, then works and clears the count', async () => {
    const username = process.env.ADMIN_USERNAME!;
    const password = process.env.ADMIN_PASSWORD!;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.anonymous.post('/auth/login', { username, password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await t.anonymous.post('/auth/login', { username, password });
    expect(blocked.status).toBe(429);
    // The window is 3 s here (900 s by default).
    await new Promise((r) => setTimeout(r, Number(blocked.headers.get('retry-after')) * 1000 + 300));
    expect((await t.anonymous.post('/auth/login', { username, password })).status).toBe(200);
    expect((await t.anonymous.post('/auth/login', { username, password: 'one-more-guess' })).status).toBe(401);
  });
});

describe('security: login rate limit per client address', () => {
  const prefix = ownPrefix(`login-${randomUUID().slice(0, 8)}`);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { QUEUE_PREFIX: prefix, LOGIN_FAILURES_PER_ADDRESS: '20', LOGIN_FAILURES_PER_USERNAME: '1000' } });
  });
  afterAll(() => t.close());

  it('many usernames guessed from one address: 429 after the address limit, for every username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push(
        (await t.anonymous.post('/auth/login', { username: `nobody-${i}-${randomUUID()}`, password: 'some-guess-here' })).status,
      );
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    const admin = await t.anonymous.post('/auth/login', { username: process.env.ADMIN_USERNAME, password: process.env.ADMIN_PASSWORD });
    expect(admin.status).toBe(429);
    expect(Number(admin.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
