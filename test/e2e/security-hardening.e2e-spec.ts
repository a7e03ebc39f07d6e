/* eslint-disable @typescript-eslint/no-explicit-any */
// Issue 10, the remaining findings: security headers and the console's CSP, DOCS_ENABLED, the
// calendar-feed token rotation, and X-Forwarded-For believed only from the proxies TRUST_PROXY names.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, type World } from '../support/world';
import { ownPrefix } from '../support/redis-keys';

describe('security: headers, docs and calendar tokens', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('answers carry helmet headers and a CSP the console and Swagger UI can live with', async () => {
    for (const path of ['/', '/api/v1/auth/me', '/docs-json', '/health']) {
      const res = await fetch(`${t.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v.join(' ')]),
      );
      // Exactly these: no upgrade-insecure-requests, which would break the console over plain HTTP.
      expect(directives).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self' data:",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    }
  });

  it('a new calendar token ends the old one', async () => {
    const first = (await w.as.owner.get(`/people/${w.ids.owner}/calendar-token`)).body.token as string;
    const feed = (token: string) => fetch(`${t.baseUrl}/api/v1/people/${w.ids.owner}/calendar.ics?token=${token}`);
    expect((await feed(first)).status).toBe(200);

    const rotated = await w.as.owner.post(`/people/${w.ids.owner}/calendar-token`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.token as string;
    expect(second).not.toBe(first);
    expect(second.length).toBeGreaterThan(20);
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    expect((await w.as.owner.get(`/people/${w.ids.owner}/calendar-token`)).body.token).toBe(second);
    // Someone else cannot rotate (and so cannot cut) a person's feed.
    expect((await w.as.outsider.post(`/people/${w.ids.owner}/calendar-token`)).status).toBe(404);
    expect((await w.as.owner.post(`/people/${randomUUID()}/calendar-token`)).status).toBe(404);
  });
});

describe('security: DOCS_ENABLED=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DOCS_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('serves neither /docs nor /docs-json, and the API still works', async () => {
    expect((await fetch(`${t.baseUrl}/docs-json`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/docs`)).status).toBe(404);
    expect((await t.admin.get('/auth/me')).status).toBe(200);
  });
});

describe('security: X-Forwarded-For and the per-address login limit', () => {
  const guesses = async (t: TestApp, count: number): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ username: `nobody-${randomUUID()}`, password: 'some-guess-here' }),
      });
      statuses.push(res.status);
    }
    return statuses;
  };
  const limits = (prefix: string) => ({ QUEUE_PREFIX: prefix, LOGIN_FAILURES_PER_ADDRESS: '10', LOGIN_FAILURES_PER_USERNAME: '1000' });

  it('by default a spoofed X-Forwarded-For does not get a client past the limit', async () => {
    const t = await startTestApp({ env: limits(ownPrefix(`xff-${randomUUID().slice(0, 8)}`)) });
    try {
      const statuses = await guesses(t, 14);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(4).fill(429));
    } finally {
      await t.close();
    }
  });

  it('behind a proxy named in TRUST_PROXY, each forwarded client is counted on its own', async () => {
    const t = await startTestApp({ env: { ...limits(ownPrefix(`xff-${randomUUID().slice(0, 8)}`)), TRUST_PROXY: '127.0.0.1' } });
    try {
      expect(await guesses(t, 14)).toEqual(Array(14).fill(401));
    } finally {
      await t.close();
    }
  });
});
