import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';

// The service serves the built console at `/` (shared/API.md "Console"): files as built, index.html for
// the console's own paths (history mode), and the API's JSON 404 for a miss under /api. A stand-in
// build keeps this tier independent of `vite build`; the browser tier uses the real one.
describe('the web console, served by the service', () => {
  let t: TestApp;
  let dir: string;
  const html =
    '<!doctype html><html><body><div id="app"></div><script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>';
  const page = (path: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
    fetch(`${t.baseUrl}${path}`, { headers: { accept } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("duban")');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ consoleDir: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / with the console page, never cached', async () => {
    const res = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(html);
  });

  it('answers a deep link (the path in a message) with the console page, so its router opens the item', async () => {
    const res = await page('/resolutions/7b0c1f6e-1d7a-4c1e-9d53-0a8f1f0e2b11?from=dingtalk');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(html);
  });

  it('serves hashed assets for a year, immutable, and other files revalidated', async () => {
    const asset = await fetch(`${t.baseUrl}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const icon = await fetch(`${t.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps a miss under /api a JSON 404, whatever the client accepts', async () => {
    for (const accept of ['text/html', 'application/json']) {
      const res = await page('/api/v1/no-such-thing', accept);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ statusCode: 404 });
    }
  });

  it('answers a missing asset, and a non-page request, with 404 rather than the page', async () => {
    expect((await fetch(`${t.baseUrl}/assets/gone-00000000.js`)).status).toBe(404);
    const json = await page('/resolutions/abc', 'application/json');
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ statusCode: 404 });
  });

  it('leaves the API, health and docs routes alone', async () => {
    const health = await page('/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    const me = await page('/api/v1/auth/me');
    expect(me.status).toBe(401);
    const docs = await page('/docs-json', 'application/json');
    expect(docs.status).toBe(200);
  });
});

describe('the service without a built console', () => {
  it('starts, and / is the JSON 404 it always was', async () => {
    const t = await startTestApp({ consoleDir: join(tmpdir(), 'duban-no-console-here') });
    try {
      const res = await fetch(`${t.baseUrl}/`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404 });
      expect((await t.admin.get('/auth/me')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
