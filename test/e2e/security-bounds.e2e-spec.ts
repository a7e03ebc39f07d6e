/* eslint-disable @typescript-eslint/no-explicit-any */
// Bounds (issue 10, point 5): policy offsets are bounded (a year, or 260 working days) with a 400
// naming the field and the limit, where P300000Y used to be stored and break every `?light=` list and
// four policy forms answered 500; `GET /resolutions/:id/events` is paged like every list.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

const YEAR = 'must be at most 366 days (P1Y, P12M, P366D)';

describe('security: bounded policies and paged events', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    await resolutionIn(w, 'in_progress');
    await resolutionIn(w, 'assigned');
  });
  afterAll(() => t.close());

  describe('policy offsets', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['a warning window of 300,000 years', { warningWindow: 'P300000Y' }, 'policy.warningWindow'],
      ['999 working days', { warningWindow: '999wd' }, 'policy.warningWindow'],
      ['an acceptance window of ages', { acceptance: { within: 'P300000Y', remindEvery: '1wd' } }, 'policy.acceptance.within'],
      ['a reminder ages before the deadline (was 500)', { beforeDue: ['-P300000Y'] }, 'policy.beforeDue.0'],
      [
        'an escalation ages after (was 500)',
        { escalation: [{ after: 'P300000Y', level: 1, notify: ['owner'] }] },
        'policy.escalation.0.after',
      ],
      ['a stagnation of ages (was 500)', { stagnation: 'P300000Y' }, 'policy.stagnation'],
      ['a report grace of ages', { progressReport: { cron: '0 17 * * 5', grace: 'P300000Y' } }, 'policy.progressReport.grace'],
      ['minutes past any number', { warningWindow: 'PT99999999999999999999M' }, 'policy.warningWindow'],
      ['in a priority override', { overrides: { urgent: { warningWindow: 'P300000Y' } } }, 'policy.overrides.urgent.warningWindow'],
    ])('%s → 400 naming the field and the limit', async (_label, policy, field) => {
      const res = await w.as.chair.put(`/councils/${w.councilId}/policy`, policy);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
      expect(res.body.message).toMatch(/must be at most (366 days|260 working days)/);
    });

    it('a new council with such a policy is refused the same way', async () => {
      const council = await ok(t.admin.get(`/councils/${w.councilId}`), 200);
      const res = await t.admin.post('/councils', {
        name: `越界政策 ${randomUUID().slice(0, 6)}`,
        memberOrganizationIds: council.memberOrganizationIds,
        chairId: w.ids.chair,
        secretaryIds: [w.ids.secretary],
        supervisorIds: [w.ids.supervisor],
        policy: { stagnation: 'P2Y' },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(`policy.stagnation: ${YEAR}`);
    });

    it('the limits themselves are accepted', async () => {
      await ok(
        w.as.chair.put(`/councils/${w.councilId}/policy`, { warningWindow: 'P1Y', stagnation: '260wd', beforeDue: ['-P366D'] }),
        200,
      );
      expect((await w.as.chair.get(`/resolutions?councilId=${w.councilId}&light=yellow`)).status).toBe(200);
      await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, {}), 200);
    });

    it('a policy stored before the bounds does not break the light filter of any council', async () => {
      const other = await buildWorld(t);
      await resolutionIn(other, 'in_progress');
      // As a database from before this release may hold it.
      await t.db.query(`UPDATE councils SET policy = $2 WHERE id = $1`, [
        other.councilId,
        { warningWindow: 'P300000Y', acceptance: { within: 'P300000Y', remindEvery: '1wd' } },
      ]);
      // Any change to the council drops this process's cached context of it, so the stored policy is read.
      await ok(t.admin.patch(`/councils/${other.councilId}`, { description: '旧版本保存的政策' }), 200);
      for (const light of ['red', 'yellow', 'green'])
        for (const client of [t.admin, w.as.chair, other.as.chair]) {
          const res = await client.get(`/resolutions?light=${light}`);
          expect(res.status).toBe(200);
        }
      const yellow = await ok(other.as.chair.get(`/resolutions?councilId=${other.councilId}&light=yellow`), 200);
      expect(yellow.items).toHaveLength(1);
    });
  });

  describe('GET /resolutions/:id/events', () => {
    let id: string;
    let total: number;

    beforeAll(async () => {
      let r = await resolutionIn(w, 'in_progress');
      for (let i = 0; i < 6; i++)
        r = await ok(
          w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, percent: 10 * (i + 1), note: `进展 ${i}` }),
          200,
        );
      id = r.id;
      total = 3 + 6; // registered, assign, accept, six progress reports
    });

    it('without parameters: every event of a short history, oldest first, as before', async () => {
      const page = await ok(w.as.owner.get(`/resolutions/${id}/events`), 200);
      expect(page.items).toHaveLength(total);
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((e: any) => e.action).slice(0, 3)).toEqual(['resolution.registered', 'resolution.assign', 'resolution.accept']);
    });

    it('honours limit, and the cursor walks the rest without gaps or repeats', async () => {
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = await ok(w.as.owner.get(`/resolutions/${id}/events?limit=4${cursor ? `&cursor=${cursor}` : ''}`), 200);
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      const all = await ok(w.as.owner.get(`/resolutions/${id}/events?limit=200`), 200);
      expect(seen.map((e) => e.id)).toEqual(all.items.map((e: any) => e.id));
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=x', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['x1', randomUUID()])).toString('base64url')}`, 'cursor'],
    ])('%s → 400 naming %s', async (query, field) => {
      const res = await w.as.owner.get(`/resolutions/${id}/events?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toContain(field);
    });

    it('stays invisible to outsiders (404)', async () => {
      expect((await w.as.outsider.get(`/resolutions/${id}/events?limit=1`)).status).toBe(404);
    });
  });
});
