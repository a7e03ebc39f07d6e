/* eslint-disable @typescript-eslint/no-explicit-any */
// Delivery over time: quiet hours hold e-mail until they end and the daily digest collects items into
// one message (both on an injected clock), and a Redis that lost every key is rebuilt from the outbox.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DELIVERIES_QUEUE } from '../../src/common/queues';
import { startTestApp, type TestApp } from '../support/app';
import { RobotPeer, SmtpPeer } from '../support/delivery-peers';
import { eventually } from '../support/inbox';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { buildWorld, ok, type World } from '../support/world';

const everything = { inApp: true, email: true, dingtalk: false, wecom: false, feishu: false, webhook: false };

describe('delivery timing on an injected clock', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpPeer;

  beforeAll(async () => {
    smtp = await new SmtpPeer().start();
    t = await startTestApp({
      role: 'all',
      now: '2026-03-02T10:00:00+08:00',
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://duban.example.gov.cn', DELIVERY_SWEEP_MS: '300', WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
    w = await buildWorld(t);
    for (const key of ['owner', 'leadLeader'] as const)
      await ok(t.admin.patch(`/people/${w.ids[key]}`, { email: `${key}-${w.ids[key].slice(0, 6)}@example.gov.cn` }), 200);
    // The co-handling unit's leader wants e-mail but has no address.
    await ok(t.admin.put(`/people/${w.ids.coLeader}/preferences`, { channels: everything }), 200);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailsTo = (key: 'owner' | 'leadLeader') => smtp.to(`${key}-${w.ids[key].slice(0, 6)}@example.gov.cn`);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  async function assign(title: string, co = false): Promise<any> {
    const r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title }));
    return ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ...(co ? { coOrganizationIds: [w.orgs.co] } : {}),
        ownerId: w.ids.owner,
        dueAt: '2026-06-30',
      }),
      200,
    );
  }

  it('the digest sends one message with every collected item at the chosen local time', async () => {
    t.clock.set('2026-03-02T10:00:00+08:00');
    await ok(
      t.admin.put(`/people/${w.ids.leadLeader}/preferences`, { channels: everything, quietHours: null, digest: { at: '17:30' } }),
      200,
    );
    const first = await assign('道路白改黑工程');
    const second = await assign('背街小巷路灯补装');
    await settle();
    expect(mailsTo('leadLeader')).toEqual([]);
    const pending = (await ok(t.admin.get(`/deliveries?channel=email&status=pending&limit=200`), 200)).items.filter(
      (d: any) => d.recipientId === w.ids.leadLeader,
    );
    expect(pending).toHaveLength(2);
    expect(new Set(pending.map((d: any) => d.nextAttemptAt))).toEqual(new Set([new Date('2026-03-02T17:30:00+08:00').toISOString()]));

    t.clock.set('2026-03-02T17:30:05+08:00');
    await eventually(async () => expect(mailsTo('leadLeader')).toHaveLength(1), 10_000);
    await settle();
    const [digest] = mailsTo('leadLeader');
    expect(mailsTo('leadLeader')).toHaveLength(1);
    expect(digest.subject).toBe('【督办】每日摘要：2 条事项');
    for (const r of [first, second]) {
      expect(digest.text).toContain(r.title);
      expect(digest.text).toContain(`https://duban.example.gov.cn/resolutions/${r.id}`);
    }
    const sent = (await ok(t.admin.get(`/deliveries?channel=email&status=sent&limit=200`), 200)).items.filter(
      (d: any) => d.recipientId === w.ids.leadLeader,
    );
    expect(sent).toHaveLength(2);
  });

  it("quiet hours (the council's, 21:00–08:00) hold e-mail until they end; no address means skipped with the reason", async () => {
    t.clock.set('2026-03-02T22:30:00+08:00');
    await ok(t.admin.put(`/people/${w.ids.owner}/preferences`, { channels: everything }), 200);
    const r = await assign('夜间受理的事项', true);
    await settle();
    expect(mailsTo('owner').filter((m) => m.subject?.includes('夜间受理的事项'))).toEqual([]);
    const rows = (await ok(t.admin.get(`/deliveries?resolutionId=${r.id}`), 200)).items;
    const mine = rows.find((d: any) => d.recipientId === w.ids.owner);
    expect(mine).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date('2026-03-03T08:00:00+08:00').toISOString() });
    expect(rows.find((d: any) => d.recipientId === w.ids.coLeader)).toMatchObject({ status: 'skipped', lastError: 'no e-mail address' });

    t.clock.set('2026-03-03T07:50:00+08:00');
    await settle();
    expect(mailsTo('owner').filter((m) => m.subject?.includes('夜间受理的事项'))).toEqual([]);

    t.clock.set('2026-03-03T08:00:10+08:00');
    await eventually(
      async () => expect(mailsTo('owner').filter((m) => m.subject === '【督办】交办：夜间受理的事项')).toHaveLength(1),
      10_000,
    );
    const after = (await ok(t.admin.get(`/deliveries?resolutionId=${r.id}`), 200)).items.find((d: any) => d.recipientId === w.ids.owner);
    expect(after).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('Feishu: an urge at 10:00:05 is not sent on :00 but spread into the next minutes, then sent once', async () => {
    const peer = await new RobotPeer().start();
    try {
      const secret = 'feishu-timing-secret';
      const channel = await ok(
        w.as.chair.post(`/councils/${w.councilId}/channels`, {
          type: 'feishu',
          name: 'feishu',
          url: peer.robot('feishu', 'fs', secret),
          secret,
        }),
      );
      t.clock.set('2026-03-03T10:00:05+08:00');
      const r = await assign('规范共享单车停放');
      await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
      let row: any;
      await eventually(async () => {
        row = (await ok(t.admin.get(`/deliveries?resolutionId=${r.id}&channel=feishu`), 200)).items[0];
        expect(row).toMatchObject({ status: 'pending', attempts: 0 });
        expect(row.nextAttemptAt).not.toBe(new Date('2026-03-03T10:00:05+08:00').toISOString());
      }, 10_000);
      // Moved to [10:01, 10:04): off the busy minute, the attempt given back.
      const at = new Date(row.nextAttemptAt).getTime();
      expect(at).toBeGreaterThanOrEqual(new Date('2026-03-03T10:01:00+08:00').getTime());
      expect(at).toBeLessThan(new Date('2026-03-03T10:04:00+08:00').getTime());
      await settle();
      expect(peer.delivered('fs')).toEqual([]);

      t.clock.set(new Date(at + 1_000).toISOString());
      // If the sweep queued the row already (due within its one-minute horizon), its job waits real
      // seconds for an instant the injected clock has just jumped to: let it run now.
      const job = await t.app.get<Queue>(getQueueToken(DELIVERIES_QUEUE)).getJob(row.id);
      if (job && (await job.isDelayed())) await job.promote();
      await eventually(async () => expect(peer.delivered('fs')).toHaveLength(1), 10_000);
      const sent = (await ok(t.admin.get(`/deliveries?resolutionId=${r.id}&channel=feishu`), 200)).items[0];
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, channelId: channel.id });
      await ok(w.as.chair.patch(`/councils/${w.councilId}/channels/${channel.id}`, { enabled: false }), 200);
    } finally {
      await peer.close();
    }
  });
});

describe('delivery after Redis lost every key', () => {
  let redis: PrivateRedis;
  let peer: RobotPeer;
  afterAll(async () => {
    await peer?.close();
    await redis?.stop();
  });

  it('the sweep re-queues every pending delivery from PostgreSQL: each message arrives exactly once', async () => {
    redis = await startPrivateRedis();
    peer = await new RobotPeer().start();
    const env = { REDIS_URL: redis.url, WEBHOOK_ALLOW_PRIVATE: 'true', DELIVERY_SWEEP_MS: '300' };
    // An API process alone: it writes the outbox and queues jobs, and nobody consumes them.
    const api = await startTestApp({ role: 'api', realClock: true, env });
    const w = await buildWorld(api);
    const secret = 'whsec_c2VjcmV0IGZvciB0aGUgcmVkaXMgdGVzdA==';
    await ok(
      w.as.chair.post(`/councils/${w.councilId}/channels`, {
        type: 'webhook',
        name: 'sink',
        url: peer.robot('webhook', 'sink', secret),
        secret,
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: `事项${i}` }));
      r = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
          version: r.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-12-31',
        }),
        200,
      );
      await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '催办' }));
      ids.push(r.id);
    }
    const queued = await api.db.query(
      "SELECT count(*)::int AS n FROM deliveries WHERE channel = 'webhook' AND status = 'pending' AND resolution_id = ANY($1)",
      [ids],
    );
    expect(queued[0].n).toBe(20);
    await api.close();
    await redis.flushAll();

    const worker = await startTestApp({ role: 'all', realClock: true, env });
    try {
      await eventually(async () => {
        const rows = await worker.db.query(
          "SELECT status, count(*)::int AS n FROM deliveries WHERE channel = 'webhook' AND resolution_id = ANY($1) GROUP BY status",
          [ids],
        );
        expect(rows).toEqual([{ status: 'sent', n: 20 }]);
      }, 20_000);
      const received = peer.delivered('sink').map((m) => m.body.data.resolution.id as string);
      expect(received.sort()).toEqual([...ids].sort());
    } finally {
      await worker.close();
    }
  });
});
