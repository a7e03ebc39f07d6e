/* eslint-disable @typescript-eslint/no-explicit-any */
// Every transition of API.md over HTTP, each with its effect on the resolution, and the derived
// fields (overdue, daysOverdue, light) as the clock moves.
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

/** A Monday morning in Beijing: the default "now" of the test app. */
const MONDAY_9AM = '2026-03-02T09:00:00+08:00';
/** End of a day in Asia/Shanghai as the API answers it (UTC). */
const endOfDayInShanghai = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

describe('workflow: every transition with its effect', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(MONDAY_9AM));

  const show = async (id: string) => ok(w.as.supervisor.get(`/resolutions/${id}`), 200);
  const actionsOf = async (id: string) => (await ok(w.as.supervisor.get(`/resolutions/${id}/events`), 200)).items.map((e: any) => e.action);
  const lastEvent = async (id: string) => (await ok(w.as.supervisor.get(`/resolutions/${id}/events`), 200)).items.at(-1);

  describe('assign', () => {
    it('sets lead, co-handlers, owner and deadline; a date means the end of that day in Asia/Shanghai', async () => {
      const r = await resolutionIn(w, 'registered');
      const assigned = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
          version: r.version,
          leadOrganizationId: w.orgs.lead,
          coOrganizationIds: [w.orgs.co],
          ownerId: w.ids.owner,
          dueAt: '2026-06-30',
          note: '请城建办牵头',
        }),
        200,
      );
      expect(assigned).toMatchObject({
        status: 'assigned',
        leadOrganizationId: w.orgs.lead,
        coOrganizationIds: [w.orgs.co],
        ownerId: w.ids.owner,
        dueAt: endOfDayInShanghai('2026-06-30'),
        originalDueAt: endOfDayInShanghai('2026-06-30'),
        version: r.version + 1,
        overdue: false,
        daysOverdue: 0,
        escalationLevel: 0,
        light: 'green',
      });
      expect(await show(r.id)).toMatchObject({ status: 'assigned', dueAt: endOfDayInShanghai('2026-06-30'), version: r.version + 1 });
      expect(await lastEvent(r.id)).toMatchObject({
        action: 'resolution.assign',
        actorId: w.ids.supervisor,
        after: expect.objectContaining({ status: 'assigned', note: '请城建办牵头' }),
      });
    });

    it('takes an instant with offset as given, and today as a date (its end is still ahead)', async () => {
      const a = await resolutionIn(w, 'registered');
      const exact = await ok(
        w.as.supervisor.post(`/resolutions/${a.id}/assign`, {
          version: a.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-06-30T12:00:00+08:00',
        }),
        200,
      );
      expect(exact.dueAt).toBe('2026-06-30T04:00:00.000Z');
      const b = await resolutionIn(w, 'registered');
      const today = await ok(
        w.as.supervisor.post(`/resolutions/${b.id}/assign`, {
          version: b.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-03-02',
        }),
        200,
      );
      expect(today.dueAt).toBe(endOfDayInShanghai('2026-03-02'));
    });

    it('refuses a deadline in the past with a 400 naming dueAt, and changes nothing', async () => {
      const r = await resolutionIn(w, 'registered');
      for (const dueAt of ['2026-03-01', '2026-03-02T08:59:00+08:00']) {
        const res = await w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
          version: r.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt,
        });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dueAt' })]));
      }
      expect(await show(r.id)).toMatchObject({ status: 'registered', version: r.version, dueAt: null });
    });

    it('answers 409 when the resolution is no longer registered', async () => {
      const r = await resolutionIn(w, 'assigned');
      const res = await w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt: '2026-06-30',
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: expect.any(String), message: expect.stringContaining('assigned') });
    });
  });

  describe('reassign', () => {
    it('to a new owner sends an accepted item back to assigned; only the new owner may accept it', async () => {
      const r = await resolutionIn(w, 'in_progress');
      expect(r.acceptedAt).not.toBeNull();
      const moved = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/reassign`, { version: r.version, ownerId: w.ids.leadMember, note: '换人负责' }),
        200,
      );
      expect(moved).toMatchObject({ status: 'assigned', ownerId: w.ids.leadMember, acceptedAt: null, version: r.version + 1 });
      expect((await w.as.owner.post(`/resolutions/${r.id}/accept`, { version: moved.version })).status).toBe(403);
      const accepted = await ok(w.as.leadMember.post(`/resolutions/${r.id}/accept`, { version: moved.version }), 200);
      expect(accepted).toMatchObject({ status: 'in_progress', ownerId: w.ids.leadMember });
    });

    it('of the deadline alone keeps the status and the original deadline', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-06-30' });
      const moved = await ok(w.as.supervisor.post(`/resolutions/${r.id}/reassign`, { version: r.version, dueAt: '2026-07-31' }), 200);
      expect(moved).toMatchObject({
        status: 'in_progress',
        dueAt: endOfDayInShanghai('2026-07-31'),
        originalDueAt: endOfDayInShanghai('2026-06-30'),
        ownerId: w.ids.owner,
      });
    });

    it('to another lead organization takes the item out of sight of the old one', async () => {
      const r = await resolutionIn(w, 'in_progress');
      expect((await w.as.leadMember.get(`/resolutions/${r.id}`)).status).toBe(200);
      const moved = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/reassign`, {
          version: r.version,
          leadOrganizationId: w.orgs.co,
          coOrganizationIds: [],
          ownerId: w.ids.coHandler,
        }),
        200,
      );
      expect(moved).toMatchObject({ status: 'assigned', leadOrganizationId: w.orgs.co, coOrganizationIds: [], ownerId: w.ids.coHandler });
      expect((await w.as.leadMember.get(`/resolutions/${r.id}`)).status).toBe(404);
      expect((await w.as.owner.get(`/resolutions/${r.id}`)).status).toBe(404);
      expect((await w.as.coLeader.get(`/resolutions/${r.id}`)).status).toBe(200);
    });

    it('needs something to change (400) and an assigned or in-progress item (409)', async () => {
      const r = await resolutionIn(w, 'assigned');
      expect((await w.as.supervisor.post(`/resolutions/${r.id}/reassign`, { version: r.version })).status).toBe(400);
      const registered = await resolutionIn(w, 'registered');
      expect(
        (await w.as.supervisor.post(`/resolutions/${registered.id}/reassign`, { version: registered.version, ownerId: w.ids.leadMember }))
          .status,
      ).toBe(409);
    });
  });

  it('accept moves assigned → in_progress and records when', async () => {
    const r = await resolutionIn(w, 'assigned');
    t.clock.set('2026-03-02T10:30:00+08:00');
    const accepted = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version, note: '收到' }), 200);
    expect(accepted).toMatchObject({ status: 'in_progress', acceptedAt: '2026-03-02T02:30:00.000Z', version: r.version + 1 });
    expect((await w.as.owner.post(`/resolutions/${r.id}/accept`, { version: accepted.version })).status).toBe(409);
  });

  it('progress by the owner and by a co-handler: progress, lastProgressAt, and lastProgress on GET', async () => {
    const r = await resolutionIn(w, 'in_progress');
    t.clock.set('2026-03-03T11:00:00+08:00');
    const first = await ok(w.as.owner.post(`/resolutions/${r.id}/progress`, { version: r.version, note: '已完成摸底', percent: 40 }), 200);
    expect(first).toMatchObject({ status: 'in_progress', progress: 40, lastProgressAt: '2026-03-03T03:00:00.000Z' });
    expect((await show(r.id)).lastProgress).toMatchObject({ percent: 40, note: '已完成摸底', authorId: w.ids.owner });
    t.clock.set('2026-03-04T11:00:00+08:00');
    await ok(w.as.coHandler.post(`/resolutions/${r.id}/progress`, { version: first.version, note: '配合单位已进场', percent: 60 }), 200);
    const shown = await show(r.id);
    expect(shown).toMatchObject({ progress: 60, lastProgress: { percent: 60, note: '配合单位已进场', authorId: w.ids.coHandler } });
    expect(await actionsOf(r.id)).toEqual(expect.arrayContaining(['resolution.progress']));
    const assigned = await resolutionIn(w, 'assigned');
    expect(
      (await w.as.owner.post(`/resolutions/${assigned.id}/progress`, { version: assigned.version, note: 'x', percent: 10 })).status,
    ).toBe(409);
  });

  describe('extension requests', () => {
    it('one pending at a time (409), listed, and visible on the resolution', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-06-30' });
      const request = await ok(
        w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
          version: r.version,
          requestedDueAt: '2026-08-31',
          reason: '拆迁协议尚未签订',
        }),
        201,
      );
      expect(request).toMatchObject({
        id: expect.any(String),
        resolutionId: r.id,
        requestedDueAt: endOfDayInShanghai('2026-08-31'),
        reason: '拆迁协议尚未签订',
        status: 'pending',
      });
      const current = await show(r.id);
      expect(current.pendingExtension).toMatchObject({ id: request.id, status: 'pending' });
      const second = await w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: current.version,
        requestedDueAt: '2026-09-30',
        reason: '再延一个月',
      });
      expect(second.status).toBe(409);
      const listed = await ok(w.as.owner.get(`/resolutions/${r.id}/extension-requests`), 200);
      expect(listed.items).toEqual([
        expect.objectContaining({ id: request.id, status: 'pending', requestedDueAt: endOfDayInShanghai('2026-08-31') }),
      ]);
      expect(current.dueAt).toBe(endOfDayInShanghai('2026-06-30'));
    });

    it('approve moves dueAt, keeps originalDueAt and resets the escalation level', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-03-20' });
      t.clock.set('2026-03-16T10:00:00+08:00');
      const request = await ok(
        w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
          version: r.version,
          requestedDueAt: '2026-04-30',
          reason: '需等待规划批复',
        }),
        201,
      );
      // The supervisor decides late: the deadline passed meanwhile and the engine escalated the item.
      t.clock.set('2026-03-25T10:00:00+08:00');
      await t.db.query('UPDATE resolutions SET escalation_level = 2 WHERE id = $1', [r.id]);
      const before = await show(r.id);
      expect(before).toMatchObject({ overdue: true, light: 'red', escalationLevel: 2 });
      const approved = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, { version: before.version, note: '同意' }),
        200,
      );
      expect(approved).toMatchObject({
        status: 'in_progress',
        dueAt: endOfDayInShanghai('2026-04-30'),
        originalDueAt: endOfDayInShanghai('2026-03-20'),
        escalationLevel: 0,
        overdue: false,
        daysOverdue: 0,
        extensionCount: 1,
      });
      expect(approved.light).not.toBe('red');
      const listed = await ok(w.as.owner.get(`/resolutions/${r.id}/extension-requests`), 200);
      expect(listed.items).toEqual([expect.objectContaining({ id: request.id, status: 'approved', decidedById: w.ids.supervisor })]);
      expect(await actionsOf(r.id)).toEqual(
        expect.arrayContaining(['resolution.request_extension', 'resolution.decide_extension', 'extension.approved']),
      );
      const again = await w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/reject`, {
        version: approved.version,
      });
      expect(again.status).toBe(409);
    });

    it('reject keeps the deadline and lets the owner ask again', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-06-30' });
      const request = await ok(
        w.as.owner.post(`/resolutions/${r.id}/extension-requests`, { version: r.version, requestedDueAt: '2026-08-31', reason: '理由一' }),
        201,
      );
      const rejected = await ok(
        w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/reject`, {
          version: r.version + 1,
          note: '理由不充分',
        }),
        200,
      );
      expect(rejected).toMatchObject({ dueAt: endOfDayInShanghai('2026-06-30'), extensionCount: 0 });
      const listed = await ok(w.as.owner.get(`/resolutions/${r.id}/extension-requests`), 200);
      expect(listed.items).toEqual([expect.objectContaining({ id: request.id, status: 'rejected', decisionNote: '理由不充分' })]);
      await ok(
        w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
          version: rejected.version,
          requestedDueAt: '2026-07-31',
          reason: '理由二',
        }),
        201,
      );
    });

    it('the new deadline must be later than the current one (400 naming requestedDueAt)', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-06-30' });
      const res = await w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: '2026-06-15',
        reason: '提前',
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'requestedDueAt' })]));
    });

    it('after the deadline has passed → 409', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-03-10' });
      t.clock.set('2026-03-11T09:00:00+08:00');
      const res = await w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: '2026-04-30',
        reason: '来不及了',
      });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/deadline/);
      expect((await ok(w.as.owner.get(`/resolutions/${r.id}/extension-requests`), 200)).items).toEqual([]);
    });

    it('more than maxExtensions (default 2) → 409', async () => {
      let r = await resolutionIn(w, 'in_progress', { dueAt: '2026-04-30' });
      for (const requestedDueAt of ['2026-05-31', '2026-06-30']) {
        const request = await ok(
          w.as.owner.post(`/resolutions/${r.id}/extension-requests`, { version: r.version, requestedDueAt, reason: '延期' }),
          201,
        );
        r = await ok(
          w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, { version: r.version + 1 }),
          200,
        );
      }
      expect(r).toMatchObject({
        extensionCount: 2,
        dueAt: endOfDayInShanghai('2026-06-30'),
        originalDueAt: endOfDayInShanghai('2026-04-30'),
      });
      const third = await w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: '2026-07-31',
        reason: '第三次',
      });
      expect(third.status).toBe(409);
      expect(third.body.message).toMatch(/2/);
    });

    it('the limit follows the council policy (maxExtensions: 1)', async () => {
      const strict = await buildWorld(t, { maxExtensions: 1 });
      let r = await resolutionIn(strict, 'in_progress', { dueAt: '2026-04-30' });
      const request = await ok(
        strict.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
          version: r.version,
          requestedDueAt: '2026-05-31',
          reason: '延期',
        }),
        201,
      );
      r = await ok(
        strict.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, { version: r.version + 1 }),
        200,
      );
      expect(
        (
          await strict.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
            version: r.version,
            requestedDueAt: '2026-06-30',
            reason: '再延',
          })
        ).status,
      ).toBe(409);
    });
  });

  it('completion-request carries the summary and the evidence', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const requested = await ok(
      w.as.owner.post(`/resolutions/${r.id}/completion-request`, {
        version: r.version,
        summary: '障碍已全部清除',
        evidence: '现场照片见附件；验收单编号 2026-017',
      }),
      200,
    );
    expect(requested).toMatchObject({
      status: 'completion_requested',
      completionSummary: '障碍已全部清除',
      completionEvidence: '现场照片见附件；验收单编号 2026-017',
    });
    expect(await show(r.id)).toMatchObject({ status: 'completion_requested', completionEvidence: '现场照片见附件；验收单编号 2026-017' });
  });

  it('children: POST /resolutions/:id/children; verify answers 409 while a child is open, then closes', async () => {
    const parent = await resolutionIn(w, 'in_progress');
    const child = await ok(
      w.as.supervisor.post(`/resolutions/${parent.id}/children`, {
        title: '子任务：完成补偿协议签订',
        leadOrganizationId: w.orgs.co,
        ownerId: w.ids.coHandler,
        dueAt: '2026-05-31',
      }),
      201,
    );
    expect(child).toMatchObject({
      parentId: parent.id,
      councilId: w.councilId,
      meetingId: parent.meetingId,
      status: 'registered',
      dueAt: endOfDayInShanghai('2026-05-31'),
    });
    expect((await show(parent.id)).children).toEqual([expect.objectContaining({ id: child.id, status: 'registered' })]);

    const requested = await ok(
      w.as.owner.post(`/resolutions/${parent.id}/completion-request`, { version: parent.version, summary: '主体完成' }),
      200,
    );
    const blocked = await w.as.supervisor.post(`/resolutions/${parent.id}/verify`, { version: requested.version });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/child/);
    expect((await show(parent.id)).status).toBe('completion_requested');

    // A cancelled child does not hold the parent back; an open one does.
    const dropped = await ok(w.as.supervisor.post(`/resolutions/${parent.id}/children`, { title: '子任务：已撤销' }), 201);
    await ok(w.as.supervisor.post(`/resolutions/${dropped.id}/cancel`, { version: dropped.version, reason: '不再需要' }), 200);
    expect((await w.as.supervisor.post(`/resolutions/${parent.id}/verify`, { version: requested.version })).status).toBe(409);

    let c = await ok(
      w.as.supervisor.post(`/resolutions/${child.id}/assign`, {
        version: child.version,
        leadOrganizationId: w.orgs.co,
        ownerId: w.ids.coHandler,
        dueAt: '2026-05-31',
      }),
      200,
    );
    c = await ok(w.as.coHandler.post(`/resolutions/${child.id}/accept`, { version: c.version }), 200);
    c = await ok(w.as.coHandler.post(`/resolutions/${child.id}/completion-request`, { version: c.version, summary: '协议已签' }), 200);
    await ok(w.as.supervisor.post(`/resolutions/${child.id}/verify`, { version: c.version }), 200);

    t.clock.set('2026-03-05T16:00:00+08:00');
    const closed = await ok(
      w.as.supervisor.post(`/resolutions/${parent.id}/verify`, { version: requested.version, note: '验收合格', rating: 'satisfactory' }),
      200,
    );
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-05T08:00:00.000Z', progress: 100, light: null, overdue: false });
  });

  it('return sends a completion request back to in_progress', async () => {
    const r = await resolutionIn(w, 'completion_requested');
    const returned = await ok(w.as.supervisor.post(`/resolutions/${r.id}/return`, { version: r.version, reason: '佐证材料不全' }), 200);
    expect(returned).toMatchObject({ status: 'in_progress', completionRequestedAt: null, version: r.version + 1 });
    expect(await lastEvent(r.id)).toMatchObject({
      action: 'resolution.return',
      after: expect.objectContaining({ status: 'in_progress', note: '佐证材料不全' }),
    });
    expect((await w.as.supervisor.post(`/resolutions/${r.id}/return`, { version: returned.version, reason: '再退' })).status).toBe(409);
  });

  it('cancel cascades to open children and grandchildren, leaves closed ones alone', async () => {
    const parent = await resolutionIn(w, 'in_progress');
    const child = (title: string, parentId = parent.id) => ok(w.as.supervisor.post(`/resolutions/${parentId}/children`, { title }), 201);
    const openChild = await child('子任务一');
    const doneChild = await child('子任务二');
    const grandChild = await child('孙任务', openChild.id);
    let d = await ok(
      w.as.supervisor.post(`/resolutions/${doneChild.id}/assign`, {
        version: doneChild.version,
        leadOrganizationId: w.orgs.lead,
        ownerId: w.ids.owner,
        dueAt: '2026-05-31',
      }),
      200,
    );
    d = await ok(w.as.owner.post(`/resolutions/${doneChild.id}/accept`, { version: d.version }), 200);
    d = await ok(w.as.owner.post(`/resolutions/${doneChild.id}/completion-request`, { version: d.version, summary: '完成' }), 200);
    await ok(w.as.supervisor.post(`/resolutions/${doneChild.id}/verify`, { version: d.version }), 200);

    const cancelled = await ok(
      w.as.secretary.post(`/resolutions/${parent.id}/cancel`, { version: parent.version, reason: '会议决定撤销' }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '会议决定撤销', light: null, overdue: false });
    expect(await show(openChild.id)).toMatchObject({ status: 'cancelled', cancelReason: '会议决定撤销', version: openChild.version + 1 });
    expect(await show(grandChild.id)).toMatchObject({ status: 'cancelled' });
    expect(await show(doneChild.id)).toMatchObject({ status: 'closed' });
    expect(await lastEvent(openChild.id)).toMatchObject({
      action: 'resolution.cancel',
      after: expect.objectContaining({ status: 'cancelled', cascadedFrom: parent.id }),
    });
    expect((await w.as.supervisor.post(`/resolutions/${parent.id}/cancel`, { version: cancelled.version, reason: '再撤' })).status).toBe(
      409,
    );
  });

  it('urge answers 201 with the recorded urge, in any open state only', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const urge = await ok(w.as.supervisor.post(`/resolutions/${r.id}/urge`, { version: r.version, note: '请本周内报送进展' }), 201);
    expect(urge).toMatchObject({ id: expect.any(String), resolutionId: r.id, note: '请本周内报送进展', urgedById: w.ids.supervisor });
    expect(await lastEvent(r.id)).toMatchObject({
      action: 'resolution.urge',
      actorId: w.ids.supervisor,
      after: expect.objectContaining({ note: '请本周内报送进展' }),
    });
    const current = await show(r.id);
    expect(current.version).toBe(r.version + 1);
    // 一键催办 notifies the owner at once: it is in their inbox without any worker running.
    const inbox = await ok(w.as.owner.get('/notifications?unread=true'), 200);
    expect(inbox.items.filter((n: any) => n.resolutionId === r.id && n.kind === 'urged')).toHaveLength(1);
    const closed = await resolutionIn(w, 'closed');
    expect((await w.as.supervisor.post(`/resolutions/${closed.id}/urge`, { version: closed.version, note: '催' })).status).toBe(409);
  });

  it('checks answer 201 with the check, in any state but cancelled', async () => {
    const body = (version: number) => ({
      version,
      checkedAt: '2026-03-02T10:00:00+08:00',
      method: 'site_visit',
      inspectorIds: [w.ids.supervisor, w.ids.chair],
      findings: '现场已清理完毕',
      rating: 'satisfactory',
    });
    for (const status of ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed'] as const) {
      const r = await resolutionIn(w, status);
      const check = await ok(w.as.supervisor.post(`/resolutions/${r.id}/checks`, body(r.version)), 201);
      expect(check).toMatchObject({
        id: expect.any(String),
        resolutionId: r.id,
        method: 'site_visit',
        rating: 'satisfactory',
        findings: '现场已清理完毕',
        inspectorIds: [w.ids.supervisor, w.ids.chair],
      });
      expect(new Date(check.checkedAt).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    }
    const cancelled = await resolutionIn(w, 'cancelled');
    expect((await w.as.supervisor.post(`/resolutions/${cancelled.id}/checks`, body(cancelled.version))).status).toBe(409);
  });

  describe('derived fields: overdue, daysOverdue, light', () => {
    it('past the deadline: overdue, red, days counted (a part day counts as one)', async () => {
      const r = await resolutionIn(w, 'in_progress', { dueAt: '2026-03-10' });
      expect(await show(r.id)).toMatchObject({ overdue: false, daysOverdue: 0 });
      t.clock.set('2026-03-10T23:59:59.999+08:00');
      expect(await show(r.id)).toMatchObject({ overdue: false, daysOverdue: 0 });
      t.clock.set('2026-03-11T00:00:00+08:00');
      expect(await show(r.id)).toMatchObject({ overdue: true, light: 'red', daysOverdue: 1 });
      t.clock.set('2026-03-12T10:00:00+08:00');
      expect(await show(r.id)).toMatchObject({ overdue: true, light: 'red', daysOverdue: 2 });
    });

    it('inside the 3-working-day warning window: yellow; beyond it: green', async () => {
      // Monday 09:00 + 3 working days = Thursday 09:00.
      const soon = await resolutionIn(w, 'in_progress', { dueAt: '2026-03-04' });
      const later = await resolutionIn(w, 'in_progress', { dueAt: '2026-03-05' });
      expect(await show(soon.id)).toMatchObject({ light: 'yellow', overdue: false });
      expect(await show(later.id)).toMatchObject({ light: 'green' });
    });

    it('the warning window counts working days of the cn calendar (National Day, make-up Saturday)', async () => {
      // Wed 2026-09-30 + 3 working days skips 1–7 October and lands on Saturday 10 October, a make-up working day.
      t.clock.set('2026-09-30T09:00:00+08:00');
      const afterHoliday = await resolutionIn(w, 'in_progress', { dueAt: '2026-10-09' });
      const nextWeek = await resolutionIn(w, 'in_progress', { dueAt: '2026-10-12' });
      expect(await show(afterHoliday.id)).toMatchObject({ light: 'yellow' });
      expect(await show(nextWeek.id)).toMatchObject({ light: 'green' });
    });

    it('assigned and not accepted after more than one working day: yellow; accepting clears it', async () => {
      const r = await resolutionIn(w, 'assigned');
      t.clock.set('2026-03-03T08:59:00+08:00');
      expect(await show(r.id)).toMatchObject({ light: 'green' });
      t.clock.set('2026-03-03T09:01:00+08:00');
      expect(await show(r.id)).toMatchObject({ light: 'yellow', overdue: false });
      const accepted = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
      expect(accepted.light).toBe('green');
    });

    it('a weekend does not count towards late acceptance', async () => {
      t.clock.set('2026-03-06T17:00:00+08:00'); // Friday
      const r = await resolutionIn(w, 'assigned');
      t.clock.set('2026-03-09T16:00:00+08:00'); // Monday: less than one working day since Friday 17:00
      expect(await show(r.id)).toMatchObject({ light: 'green' });
      t.clock.set('2026-03-09T17:01:00+08:00');
      expect(await show(r.id)).toMatchObject({ light: 'yellow' });
    });

    it('closed and cancelled items have no light and are never overdue', async () => {
      const closed = await resolutionIn(w, 'closed', { dueAt: '2026-03-10' });
      const cancelled = await resolutionIn(w, 'cancelled');
      t.clock.set('2026-04-30T09:00:00+08:00');
      expect(await show(closed.id)).toMatchObject({ status: 'closed', light: null, overdue: false, daysOverdue: 0 });
      expect(await show(cancelled.id)).toMatchObject({ status: 'cancelled', light: null, overdue: false });
    });
  });
});

describe('a pending extension request lapses when the item leaves in_progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is rejected with a note when the owner asks for sign-off, and recorded as an event', async () => {
    const w = await buildWorld(t);
    let r = await resolutionIn(w, 'in_progress');
    const request = (
      await w.as.owner.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: '2027-03-31',
        reason: '需要更多时间',
      })
    ).body;
    r = (await w.as.owner.get(`/resolutions/${r.id}`)).body;
    const done = await w.as.owner.post(`/resolutions/${r.id}/completion-request`, { version: r.version, summary: '已提前完成' });
    expect(done.status).toBe(200);
    const list = (await w.as.supervisor.get(`/resolutions/${r.id}/extension-requests`)).body.items;
    expect(list).toEqual([
      expect.objectContaining({ id: request.id, status: 'rejected', decisionNote: expect.stringContaining('自动失效') }),
    ]);
    const events = (await w.as.supervisor.get(`/resolutions/${r.id}/events`)).body.items.map((e: { action: string }) => e.action);
    expect(events).toContain('extension.lapsed');
    const approve = await w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, {
      version: done.body.version,
    });
    expect(approve.status).toBe(409);
  });
});
