/* eslint-disable @typescript-eslint/no-explicit-any */
// Scheduled bulletins: one BullMQ job scheduler per council on its bulletin.cron (upserted when the
// policy changes, however many processes do it), and one bulletin per firing with two workers
// running, on the injected clock.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BULLETIN_JOBS, BULLETINS_QUEUE, bulletinSchedulerId } from '../../src/common/queues';
import { BulletinScheduleService } from '../../src/supervision/bulletin-schedule.service';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

const NOW = '2026-03-27T16:00:20+08:00';

describe('scheduled bulletins', () => {
  let one: TestApp;
  let two: TestApp;
  let w: World;
  let queue: Queue;

  beforeAll(async () => {
    // Two processes with workers (role all), sharing PostgreSQL and Redis.
    one = await startTestApp({ role: 'all', now: NOW });
    two = await startTestApp({ role: 'all', now: NOW });
    w = await buildWorld(one);
    queue = one.app.get<Queue>(getQueueToken(BULLETINS_QUEUE));
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const schedulersOf = async (councilId: string) =>
    (await queue.getJobSchedulers(0, -1)).filter((s) => s.key === bulletinSchedulerId(councilId));

  it('each council gets one scheduler on its cron in its zone, however many processes reconcile', async () => {
    await one.app.get(BulletinScheduleService).reconcileAll();
    await two.app.get(BulletinScheduleService).reconcileAll();
    expect(await schedulersOf(w.councilId)).toEqual([expect.objectContaining({ pattern: '0 16 * * 5', tz: 'Asia/Shanghai' })]);
  });

  it('is upserted when the policy changes, and removed when the bulletin is turned off', async () => {
    await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, { bulletin: { cron: '30 9 * * 1' } }), 200);
    expect(await schedulersOf(w.councilId)).toEqual([expect.objectContaining({ pattern: '30 9 * * 1', tz: 'Asia/Shanghai' })]);
    await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, { bulletin: null }), 200);
    expect(await schedulersOf(w.councilId)).toEqual([]);
    await ok(w.as.chair.put(`/councils/${w.councilId}/policy`, {}), 200);
    expect(await schedulersOf(w.councilId)).toEqual([expect.objectContaining({ pattern: '0 16 * * 5' })]);
  });

  it('a firing handled twice (two workers, a retry) issues one bulletin and one notification per person', async () => {
    const firing = { councilId: w.councilId };
    // What the scheduler enqueues at 16:00, twice over, to be picked up by whichever worker is free.
    await queue.add(BULLETIN_JOBS.issue, firing, { jobId: `test-a-${w.councilId}` });
    await queue.add(BULLETIN_JOBS.issue, firing, { jobId: `test-b-${w.councilId}` });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const counts = await queue.getJobCounts('completed', 'failed');
      if (counts.completed + counts.failed >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    const rows = await one.db.query(`SELECT source, period_start, period_end FROM bulletins WHERE council_id = $1`, [w.councilId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].source).toBe('scheduled');
    // Period: the 7 days before the firing minute (no earlier bulletin).
    expect(new Date(rows[0].period_end).toISOString()).toBe(new Date('2026-03-27T16:00:00+08:00').toISOString());
    expect(new Date(rows[0].period_start).toISOString()).toBe(new Date('2026-03-20T16:00:00+08:00').toISOString());
    for (const who of ['chair', 'supervisor'] as const) {
      const inbox = (await ok(w.as[who].get('/notifications'), 200)).items.filter((n: any) => n.kind === 'bulletin');
      expect(inbox).toHaveLength(1);
    }
    const listed = await ok(w.as.chair.get(`/councils/${w.councilId}/bulletins`), 200);
    expect(listed.items).toEqual([expect.objectContaining({ source: 'scheduled' })]);
  });

  it('the next firing covers the period since the previous bulletin', async () => {
    one.clock.set('2026-04-03T16:00:05+08:00');
    two.clock.set('2026-04-03T16:00:05+08:00');
    await queue.add(BULLETIN_JOBS.issue, { councilId: w.councilId }, { jobId: `test-c-${w.councilId}` });
    const deadline = Date.now() + 15_000;
    let rows: any[] = [];
    while (Date.now() < deadline && rows.length < 2) {
      rows = await one.db.query(`SELECT period_start, period_end FROM bulletins WHERE council_id = $1 ORDER BY period_end`, [w.councilId]);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toHaveLength(2);
    expect(new Date(rows[1].period_start).toISOString()).toBe(new Date('2026-03-27T16:00:00+08:00').toISOString());
    expect(new Date(rows[1].period_end).toISOString()).toBe(new Date('2026-04-03T16:00:00+08:00').toISOString());
  });
});
