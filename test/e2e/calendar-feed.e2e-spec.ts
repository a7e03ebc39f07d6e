import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, resolutionIn } from '../support/world';

describe('GET /people/:id/calendar.ics: a cadre’s open deadlines as a calendar feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the open items the person owns, only with their own secret token', async () => {
    const w = await buildWorld(t);
    const open = await resolutionIn(w, 'in_progress', { title: '打通断头路', dueAt: '2026-12-31' });
    await resolutionIn(w, 'closed', { title: '已办结的事项' });
    const { token } = (await w.as.owner.get(`/people/${w.ids.owner}/calendar-token`)).body as { token: string };
    expect(token.length).toBeGreaterThan(20);
    expect((await w.as.outsider.get(`/people/${w.ids.owner}/calendar-token`)).status).toBe(404);

    const res = await fetch(`${t.baseUrl}/api/v1/people/${w.ids.owner}/calendar.ics?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const body = await res.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain(`${open.id}@duban`);
    expect(body).toContain('打通断头路');
    expect(body).not.toContain('已办结的事项');

    const wrong = await fetch(`${t.baseUrl}/api/v1/people/${w.ids.owner}/calendar.ics?token=${token.slice(1)}x`);
    expect(wrong.status).toBe(404);
    const missing = await fetch(`${t.baseUrl}/api/v1/people/${w.ids.owner}/calendar.ics`);
    expect(missing.status).toBe(404);
  });

  it('shows a confidential item by its number only: calendar servers outside Duban read the feed', async () => {
    const w = await buildWorld(t);
    const secret = await resolutionIn(w, 'in_progress', {
      title: '涉密的人事调整事项',
      dueAt: '2026-12-31',
      confidential: true,
      description: '名单见附件',
    });
    expect(secret.confidential).toBe(true);
    const { token } = (await w.as.owner.get(`/people/${w.ids.owner}/calendar-token`)).body as { token: string };
    const body = await (await fetch(`${t.baseUrl}/api/v1/people/${w.ids.owner}/calendar.ics?token=${token}`)).text();
    expect(body).toContain(`${secret.id}@duban`);
    expect(body).toContain(`第${secret.number}号`);
    expect(body).not.toContain('涉密的人事调整事项');
    expect(body).not.toContain('名单见附件');
  });
});
