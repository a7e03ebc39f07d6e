import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, resolutionIn } from '../support/world';

describe('smoke: the service starts and a decision goes from registration to sign-off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    expect((await t.anonymous.get('/health')).status).toBe(200);
    const ready = await t.anonymous.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'up' });
  });

  it('drives a resolution to closed and records an event per change', async () => {
    const w = await buildWorld(t);
    const closed = await resolutionIn(w, 'closed');
    expect(closed.status).toBe('closed');
    expect(closed.light).toBeNull();
    const events = await w.as.supervisor.get(`/resolutions/${closed.id}/events`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'resolution.registered',
      'resolution.assign',
      'resolution.accept',
      'resolution.request_completion',
      'resolution.verify',
    ]);
    const verdict = await w.as.supervisor.get(`/councils/${w.councilId}/audit/verify`);
    expect(verdict.body).toMatchObject({ ok: true });
    expect(verdict.body.checked).toBeGreaterThanOrEqual(7);
  });
});
