/* eslint-disable @typescript-eslint/no-explicit-any */
// Delivery end to end against real peers on loopback: an SMTP server whose mail is parsed with
// mailparser, and HTTP servers standing in for the DingTalk, WeCom and Feishu robots and a webhook
// receiver, each checking the signature and answering like the vendor does.
import { randomUUID } from 'node:crypto';
import { createRedis } from '../../src/common/redis';
import { RobotLimiter } from '../../src/notifications/delivery/robot-limiter';
import { startTestApp, type TestApp } from '../support/app';
import { RobotPeer, SmtpPeer } from '../support/delivery-peers';
import { eventually, inSeconds } from '../support/inbox';
import { buildWorld, ok, type World } from '../support/world';

const PUBLIC_URL = 'https://duban.example.gov.cn';
const SECRETS = { ding: 'SECding-secret-for-tests', feishu: 'feishu-secret', hook: 'whsec_dGhlIHdlYmhvb2sgc2VjcmV0IG9mIHRoZSB0ZXN0cw==' };

describe('delivery: e-mail, robots and webhooks against real local peers', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpPeer;
  let peer: RobotPeer;
  const channelIds: Record<string, string> = {};
  const mobiles: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await new SmtpPeer().start();
    peer = await new RobotPeer().start();
    t = await startTestApp({
      role: 'all',
      realClock: true,
      env: {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Duban 督办 <duban@example.gov.cn>',
        PUBLIC_URL,
        DELIVERY_RETRY_BASE_MS: '200',
        DELIVERY_SWEEP_MS: '500',
        DISPATCH_EVERY_MS: '500',
        // On the real clock a run in minute :00 or :30 would hold Feishu sends for minutes (delivery-timing tests that rule).
        DELIVERY_FEISHU_OFF_PEAK: 'false',
      },
    });
    w = await buildWorld(t, {
      calendar: 'all',
      quietHours: null,
      warningWindow: 'PT1S',
      acceptance: { within: 'PT3600S', remindEvery: 'PT3600S' },
      beforeDue: [],
      escalation: [
        { after: 'PT0S', level: 1, notify: ['owner'] },
        { after: 'PT1S', level: 2, notify: ['owner', 'leadLeader', 'supervisors'] },
        { after: 'PT3600S', level: 3, notify: ['chair'] },
      ],
      progressReport: null,
      stagnation: null,
    });
    const everything = { inApp: true, email: true, dingtalk: true, wecom: true, feishu: true, webhook: true };
    for (const [i, key] of (['owner', 'leadLeader', 'supervisor', 'coLeader'] as const).entries()) {
      mobiles[key] = `1380000000${i}`;
      await ok(
        t.admin.patch(`/people/${w.ids[key]}`, { email: `${key}@example.gov.cn`, phone: mobiles[key], wecomUserId: `wecom-${key}` }),
        200,
      );
      await ok(
        t.admin.put(`/people/${w.ids[key]}/preferences`, { channels: everything, locale: key === 'leadLeader' ? 'en' : 'zh-CN' }),
        200,
      );
    }
    const add = async (key: string, body: Record<string, unknown>) => {
      channelIds[key] = (await ok(w.as.chair.post(`/councils/${w.councilId}/channels`, { name: key, ...body }))).id;
    };
    await add('ding', { type: 'dingtalk', url: peer.robot('dingtalk', 'ding', SECRETS.ding), secret: SECRETS.ding });
    await add('wecom', { type: 'wecom', url: peer.robot('wecom', 'wecom', null) });
    await add('feishu', { type: 'feishu', url: peer.robot('feishu', 'feishu', SECRETS.feishu), secret: SECRETS.feishu });
    await add('hook', { type: 'webhook', url: peer.robot('webhook', 'hook', SECRETS.hook), secret: SECRETS.hook });
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.close(), peer.close()]);
  });

  async function item(extra: Record<string, unknown> = {}, dueInSeconds = 3600): Promise<any> {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '拆除违建厂房并复绿', ...extra }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt: inSeconds(dueInSeconds),
      }),
      200,
    );
    return r;
  }

  const about = (id: string) => (r: { body: any }) => JSON.stringify(r.body).includes(id);
  const deliveriesOf = async (resolutionId: string) =>
    (await ok(w.as.supervisor.get(`/deliveries?resolutionId=${resolutionId}&limit=200`), 200)).items as any[];

  it('an urge reaches every robot once, signed, in its vendor format, mentioning the owner; and the owner by e-mail', async () => {
    const r = await item();
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '请本周内报送进展' }));
    await eventually(async () => {
      const rows = (await deliveriesOf(r.id)).filter((d) => d.channelId);
      expect(rows.map((d) => `${d.channel}:${d.status}`).sort()).toEqual(['dingtalk:sent', 'feishu:sent', 'webhook:sent', 'wecom:sent']);
    }, 20_000);

    const [ding] = peer.delivered('ding').filter(about(r.id));
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.text).toContain('拆除违建厂房并复绿');
    expect(ding.body.markdown.text).toContain(`${PUBLIC_URL}/resolutions/${r.id}`);
    // DingTalk needs the mobile in the text as well as in at.atMobiles.
    expect(ding.body.at.atMobiles).toEqual([mobiles.owner]);
    expect(ding.body.markdown.text).toContain(`@${mobiles.owner}`);
    const [wecom] = peer.delivered('wecom').filter(about(r.id));
    expect(wecom.body).toMatchObject({ msgtype: 'markdown' });
    expect(wecom.body.markdown.content).toContain('<@wecom-owner>');
    expect(Buffer.byteLength(wecom.body.markdown.content)).toBeLessThanOrEqual(4096);
    const [feishu] = peer.delivered('feishu').filter(about(r.id));
    expect(feishu.body.msg_type).toBe('interactive');
    expect(feishu.body.card.header.title.content).toContain('拆除违建厂房并复绿');
    const [hook] = peer.delivered('hook').filter(about(r.id));
    expect(hook.body).toMatchObject({
      type: 'notification.created',
      data: {
        notification: { kind: 'urged', resolutionId: r.id },
        resolution: { id: r.id, number: r.number, title: '拆除违建厂房并复绿' },
      },
    });
    for (const robot of ['ding', 'wecom', 'feishu', 'hook']) expect(peer.delivered(robot).filter(about(r.id))).toHaveLength(1);

    await eventually(async () => expect(smtp.to('owner@example.gov.cn').filter((m) => m.subject?.includes('催办'))).not.toHaveLength(0));
    const mail = smtp.to('owner@example.gov.cn').find((m) => m.subject === '【督办】催办：拆除违建厂房并复绿')!;
    expect(mail.text).toContain(`第${r.number}号`);
    expect(mail.text).toContain(`${PUBLIC_URL}/resolutions/${r.id}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/resolutions/${r.id}"`);
    expect(mail.from?.text).toContain('duban@example.gov.cn');

    // The list masks targets: no robot token, no full address.
    const listed = JSON.stringify(await deliveriesOf(r.id));
    expect(listed).not.toMatch(/ding-token|wecom-key|owner@example/);
  });

  it('an assignment e-mail carries the deadline as an .ics attachment, in English for a person whose locale is en', async () => {
    const r = await item({ title: '修缮老旧小区屋面' });
    await eventually(async () => {
      expect(smtp.to('owner@example.gov.cn').some((m) => m.subject === '【督办】交办：修缮老旧小区屋面')).toBe(true);
      expect(smtp.to('leadLeader@example.gov.cn').some((m) => m.subject === '[Duban] Assigned: 修缮老旧小区屋面')).toBe(true);
    }, 15_000);
    const mail = smtp.to('owner@example.gov.cn').find((m) => m.subject === '【督办】交办：修缮老旧小区屋面')!;
    const ics = mail.attachments.find((a) => a.filename === 'deadline.ics');
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics!.content.toString()).toContain('BEGIN:VEVENT');
    expect(ics!.content.toString()).toContain(`${r.id}@duban`);
    const english = smtp.to('leadLeader@example.gov.cn').find((m) => m.subject === '[Duban] Assigned: 修缮老旧小区屋面')!;
    expect(english.text).toContain('Deadline');
    expect(english.text).toContain(`${PUBLIC_URL}/resolutions/${r.id}`);
  });

  it('a level-2 escalation that notifies three people makes one group message per robot, mentioning all three', async () => {
    const r = await item({ title: '整治河道黑臭水体' }, 1);
    await eventually(async () => {
      // Level 1 (overdue) and level 2 (escalated), on each of the four channels.
      const rows = (await deliveriesOf(r.id)).filter((d) => d.channelId && d.status === 'sent');
      expect(rows).toHaveLength(8);
    }, 25_000);
    const escalated = peer.delivered('ding').filter((m) => about(r.id)(m) && m.body.markdown.text.includes('升级督办'));
    expect(escalated).toHaveLength(1);
    expect([...escalated[0].body.at.atMobiles].sort()).toEqual([mobiles.owner, mobiles.leadLeader, mobiles.supervisor].sort());
    for (const key of ['owner', 'leadLeader', 'supervisor']) expect(escalated[0].body.markdown.text).toContain(`@${mobiles[key]}`);
    const level2 = (await deliveriesOf(r.id)).filter((d) => d.channelId === channelIds.hook && d.mentionIds.length === 3);
    expect(level2).toHaveLength(1);
    // Three people were notified in the inbox for that one cause.
    const inbox = await t.db.query("SELECT count(*)::int AS n FROM notifications WHERE resolution_id = $1 AND kind = 'escalated'", [r.id]);
    expect(inbox[0].n).toBe(3);
  });

  it('a robot answering 500 twice, then success: exactly one message arrives and the delivery took 3 attempts', async () => {
    peer.script('feishu', ['500', '500']);
    const r = await item({ title: '完善社区养老服务站' });
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    await eventually(async () => {
      const rows = await deliveriesOf(r.id);
      expect(rows.find((d) => d.channel === 'feishu')).toMatchObject({ status: 'sent', attempts: 3 });
      // Let the other robots finish too, so no message of this cause meets the next test's scripted answers.
      expect(rows.every((d) => d.status === 'sent')).toBe(true);
    }, 20_000);
    expect(peer.delivered('feishu').filter(about(r.id))).toHaveLength(1);
  });

  it('rate-limited answers (HTTP 200 with the vendor code, and 429) are delayed and delivered, nothing lost', async () => {
    peer.script('wecom', ['rate-limited']);
    peer.script('hook', ['rate-limited', 'html']);
    const r = await item({ title: '推进垃圾分类示范片区' });
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    await eventually(async () => {
      const rows = await deliveriesOf(r.id);
      expect(rows.find((d) => d.channel === 'wecom')).toMatchObject({ status: 'sent', attempts: 2 });
      expect(rows.find((d) => d.channel === 'webhook')).toMatchObject({ status: 'sent', attempts: 3 });
    }, 20_000);
    expect(peer.delivered('wecom').filter(about(r.id))).toHaveLength(1);
    expect(peer.delivered('hook').filter(about(r.id))).toHaveLength(1);
  });

  it('a bad signature ends the delivery failed at once with the vendor message; retry after the fix sends it', async () => {
    await ok(w.as.chair.patch(`/councils/${w.councilId}/channels/${channelIds.ding}`, { secret: 'SECwrong-secret' }), 200);
    const test = await ok(w.as.chair.post(`/councils/${w.councilId}/channels/${channelIds.ding}/test`), 200);
    expect(test).toEqual({ ok: false, httpStatus: 200, vendorCode: 310000, message: 'sign not match' });
    const r = await item({ title: '新建口袋公园' });
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    let failed: any;
    await eventually(async () => {
      [failed] = (await ok(w.as.supervisor.get(`/deliveries?resolutionId=${r.id}&status=failed`), 200)).items;
      expect(failed).toMatchObject({ channel: 'dingtalk', status: 'failed', attempts: 1 });
    }, 20_000);
    expect(failed.lastError).toContain('310000');
    expect(failed.lastError).toContain('sign not match');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await deliveriesOf(r.id)).find((d) => d.id === failed.id)).toMatchObject({ status: 'failed', attempts: 1 });

    const sent = (await deliveriesOf(r.id)).find((d) => d.status === 'sent');
    expect((await w.as.supervisor.post(`/deliveries/${sent.id}/retry`)).status).toBe(409);
    expect((await w.as.outsider.post(`/deliveries/${failed.id}/retry`)).status).toBe(404);
    await ok(w.as.chair.patch(`/councils/${w.councilId}/channels/${channelIds.ding}`, { secret: SECRETS.ding }), 200);
    expect(await ok(w.as.chair.post(`/councils/${w.councilId}/channels/${channelIds.ding}/test`), 200)).toEqual({
      ok: true,
      httpStatus: 200,
      vendorCode: 0,
      message: 'ok',
    });
    await ok(w.as.supervisor.post(`/deliveries/${failed.id}/retry`), 200);
    await eventually(async () => {
      expect((await deliveriesOf(r.id)).find((d) => d.id === failed.id)).toMatchObject({ status: 'sent', attempts: 2 });
    }, 20_000);
    expect(peer.delivered('ding').filter(about(r.id))).toHaveLength(1);
  });

  it('a confidential item leaks no title to any outward channel: only the notice and the link', async () => {
    const title = '机密：某地块征收补偿方案';
    const r = await item({ title, confidential: true });
    expect(r.confidential).toBe(true);
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '密件催办说明' }));
    await eventually(async () => {
      const rows = (await deliveriesOf(r.id)).filter((d) => d.status === 'sent');
      expect(rows.map((d) => d.channel).sort()).toEqual(['dingtalk', 'email', 'email', 'email', 'feishu', 'webhook', 'wecom']);
    }, 25_000);
    const outward = [
      ...['ding', 'wecom', 'feishu', 'hook'].flatMap((robot) =>
        peer
          .delivered(robot)
          .filter(about(r.id))
          .map((m) => JSON.stringify(m.body)),
      ),
      ...smtp.mails.filter((m) => (m.text ?? '').includes(r.id)).map((m) => `${m.subject} ${m.text} ${m.html} ${m.attachments.length}`),
    ];
    expect(outward.length).toBeGreaterThanOrEqual(6);
    for (const text of outward) {
      expect(text).not.toContain('征收补偿');
      expect(text).not.toContain('密件催办说明');
      expect(text).toContain(`${PUBLIC_URL}/resolutions/${r.id}`);
    }
    expect(outward.some((text) => text.includes('您有一条督办事项需要处理'))).toBe(true);
    // The inbox still has the title: it is inside the system.
    const inbox = (await ok(w.as.owner.get('/notifications'), 200)).items.filter((n: any) => n.resolutionId === r.id);
    expect(inbox.some((n: any) => n.title.includes('征收补偿'))).toBe(true);
  });

  it('channels: the secret is never returned, the URL token is masked, and a supervisor may read the list', async () => {
    const list = await ok(w.as.supervisor.get(`/councils/${w.councilId}/channels`), 200);
    expect(list.items).toHaveLength(4);
    expect(list.items.every((c: any) => c.hasSecret === (c.type !== 'wecom'))).toBe(true);
    const text = JSON.stringify(list);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/ding-token|wecom-key/);
    expect((await w.as.supervisor.patch(`/councils/${w.councilId}/channels/${channelIds.wecom}`, { enabled: false })).status).toBe(403);
    expect((await w.as.owner.get('/deliveries')).status).toBe(403);
  });

  it('429 and 503 with Retry-After (seconds, then an HTTP date): the next attempt waits as long as the peer asked', async () => {
    const r = await item({ title: '疏通老城区排水管网' });
    const mark = Date.now();
    // Four seconds from now as an HTTP date: the 503's wait is measured from when it is answered.
    const date = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
    peer.script('hook', [
      { status: 429, retryAfter: '2' },
      { status: 503, retryAfter: date.toUTCString() },
    ]);
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    await eventually(async () => {
      expect((await deliveriesOf(r.id)).find((d) => d.channel === 'webhook')).toMatchObject({ status: 'sent', attempts: 3 });
    }, 25_000);
    const arrivals = peer.arrivals.filter((a) => a.robot === 'hook' && a.at >= mark);
    expect(arrivals.map((a) => a.status)).toEqual([429, 503, 204]);
    // The retry base is 200 ms: without Retry-After the second attempt would come within half a second.
    expect(arrivals[1].at - arrivals[0].at).toBeGreaterThanOrEqual(1_900);
    expect(arrivals[2].at).toBeGreaterThanOrEqual(date.getTime() - 50);
    expect(peer.delivered('hook').filter(about(r.id))).toHaveLength(1);
  });

  it('a webhook answering 410 Gone is disabled: the delivery fails, the channel says why, an event records it', async () => {
    const gone = await ok(
      w.as.chair.post(`/councils/${w.councilId}/channels`, {
        name: 'gone',
        type: 'webhook',
        url: peer.robot('webhook', 'gone', SECRETS.hook),
        secret: SECRETS.hook,
      }),
    );
    peer.script('gone', ['gone']);
    const r = await item({ title: '清理占道经营摊点' });
    await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    let failed: any;
    await eventually(async () => {
      failed = (await deliveriesOf(r.id)).find((d) => d.channelId === gone.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    }, 20_000);
    expect(failed.lastError).toContain('HTTP 410');
    expect(failed.lastError).toContain('channel disabled');
    const listed = (await ok(w.as.supervisor.get(`/councils/${w.councilId}/channels`), 200)).items.find((c: any) => c.id === gone.id);
    expect(listed).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410 Gone') });
    expect(new Date(listed.disabledAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const events = await t.db.query(
      `SELECT action, actor_id, after FROM events WHERE entity_type = 'channel' AND entity_id = $1 ORDER BY seq`,
      [gone.id],
    );
    expect(events.map((e: any) => e.action)).toEqual(['channel.created', 'channel.disabled']);
    expect(events[1]).toMatchObject({ actor_id: null, after: { enabled: false, disabledReason: expect.stringContaining('410') } });
    expect(peer.arrivals.filter((a) => a.robot === 'gone')).toHaveLength(1);

    // Nothing more goes to it while it is off; turning it back on clears the reason.
    const next = await item({ title: '整修破损人行道' });
    await ok(w.as.supervisor.post(`/resolutions/${next.id}/urge`, { version: next.version, note: '加快' }));
    await eventually(async () => {
      const rows = await deliveriesOf(next.id);
      const hooks = rows.filter((d) => d.channel === 'webhook').map((d) => `${d.channelId === gone.id ? 'gone' : 'hook'}:${d.status}`);
      expect(hooks.sort()).toEqual(['gone:skipped', 'hook:sent']);
    }, 20_000);
    expect(peer.arrivals.filter((a) => a.robot === 'gone')).toHaveLength(1);
    const back = await ok(w.as.chair.patch(`/councils/${w.councilId}/channels/${gone.id}`, { enabled: true }), 200);
    expect(back).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });

    // Deleting the channel keeps its deliveries as history (the foreign key sets channel_id to null).
    expect((await w.as.chair.request('DELETE', `/councils/${w.councilId}/channels/${gone.id}`)).status).toBe(204);
    expect((await deliveriesOf(r.id)).find((d) => d.id === failed.id)).toMatchObject({ channelId: null, status: 'failed' });
  });

  it('the robot limiter gives each send of a burst a slot of its own (one wake-up each, no crowd), at the vendor spacing', async () => {
    const redis = createRedis(t.config.redisUrl, 'producer');
    try {
      const limiter = new RobotLimiter(redis, t.config.queuePrefix);
      const ding = randomUUID();
      const waits = await Promise.all(Array.from({ length: 10 }, () => limiter.reserve('dingtalk', ding)));
      const sorted = [...waits].sort((a, b) => a - b);
      expect(sorted[0]).toBe(0);
      // Consecutive slots 3.1 s apart (less what elapsed between the calls on a busy machine).
      for (let i = 1; i < sorted.length; i += 1) {
        expect(sorted[i] - sorted[i - 1]).toBeGreaterThan(2_600);
        expect(sorted[i] - sorted[i - 1]).toBeLessThanOrEqual(3_100);
      }
      expect(sorted[9]).toBeGreaterThan(9 * 2_600);
      const feishu = await Promise.all(Array.from({ length: 5 }, () => limiter.reserve('feishu', randomUUID())));
      expect(feishu).toEqual([0, 0, 0, 0, 0]);
      const oneFeishu = randomUUID();
      const spaced = (await Promise.all(Array.from({ length: 6 }, () => limiter.reserve('feishu', oneFeishu)))).sort((a, b) => a - b);
      expect(spaced[5]).toBeGreaterThan(5 * 500);
      expect(await limiter.reserve('webhook', ding)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('a burst of urges to one DingTalk robot arrives spaced by the vendor rate, each delivery in one attempt', async () => {
    const items: any[] = [];
    for (const title of ['修复破损井盖', '清理河道漂浮物', '补种行道树']) items.push(await item({ title }));
    for (const r of items) await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '加快' }));
    // While a message waits for its slot, its row names the slot as its next attempt (the sweep leaves it alone until then).
    await eventually(async () => {
      const waiting = (await Promise.all(items.map(async (r) => (await deliveriesOf(r.id)).find((d) => d.channel === 'dingtalk'))))
        .filter((d) => d?.status === 'pending' && d.attempts === 0 && d.nextAttemptAt)
        .map((d) => new Date(d.nextAttemptAt).getTime());
      expect(Math.max(0, ...waiting)).toBeGreaterThan(Date.now() + 1_000);
    }, 5_000);
    await eventually(async () => {
      for (const r of items)
        expect((await deliveriesOf(r.id)).find((d) => d.channel === 'dingtalk')).toMatchObject({ status: 'sent', attempts: 1 });
    }, 30_000);
    const arrivals = peer
      .delivered('ding')
      .filter((m) => items.some((r) => about(r.id)(m)))
      .map((m) => m.at!)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(3);
    for (let i = 1; i < arrivals.length; i += 1) expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(2_900);
  });
});
