/* eslint-disable @typescript-eslint/no-explicit-any */
// Separation of duties (issue 10, point 4): nobody approves their own extension, signs off or sends
// back their own item, even as a supervisor; owners and handling units belong to the council; an
// import resolves an owner by username, or by a name only when one of the council's people bears it.
import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

const fieldsOf = (res: { body: any }) => (res.body?.details ?? []).map((d: any) => d.field);

function uploadCsv(as: ApiClient, meetingId: string, rows: string[][]) {
  const form = new FormData();
  form.append('file', new Blob([`${rows.map((r) => r.join(',')).join('\n')}\n`]), 'list.csv');
  return as.raw('POST', `/meetings/${meetingId}/resolutions/import`, form);
}

describe('security: separation of duties and council membership', () => {
  let t: TestApp;
  let w: World;
  /** The supervisor's own unit (the council's secretariat, a member organization). */
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    secretariat = (await ok(w.as.supervisor.get('/auth/me'), 200)).organizationId;
  });
  afterAll(() => t.close());

  /** A supervisor assigns an item to himself and carries it to `completion_requested`. */
  async function ownItem(status: 'in_progress' | 'completion_requested'): Promise<any> {
    let r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '自己督办自己的事项' }));
    r = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
        version: r.version,
        leadOrganizationId: secretariat,
        ownerId: w.ids.supervisor,
        dueAt: '2026-12-31',
      }),
      200,
    );
    r = await ok(w.as.supervisor.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
    if (status === 'in_progress') return r;
    return ok(w.as.supervisor.post(`/resolutions/${r.id}/completion-request`, { version: r.version, summary: '自称已完成' }), 200);
  }

  it('a supervisor who assigned an item to himself cannot sign it off or send it back (403), and is not offered to', async () => {
    const r = await ownItem('completion_requested');
    const shown = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    expect(shown.allowedActions).not.toContain('verify');
    expect(shown.allowedActions).not.toContain('return');
    for (const [action, body] of [
      ['verify', { version: r.version }],
      ['return', { version: r.version, reason: '退回重做' }],
    ] as const) {
      const res = await w.as.supervisor.post(`/resolutions/${r.id}/${action}`, body);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('RESOLUTION_OWN_ITEM');
      expect(res.body.message).toMatch(/^you may not .* this resolution.*: it is your own item/);
    }
    expect((await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200)).status).toBe('completion_requested');
  });

  it('nor decide on his own extension request, approve or reject', async () => {
    const r = await ownItem('in_progress');
    const request = await ok(
      w.as.supervisor.post(`/resolutions/${r.id}/extension-requests`, {
        version: r.version,
        requestedDueAt: '2027-03-31',
        reason: '需要更多时间',
      }),
    );
    const current = await ok(w.as.supervisor.get(`/resolutions/${r.id}`), 200);
    expect(current.allowedActions).not.toContain('decide_extension');
    for (const decision of ['approve', 'reject']) {
      const res = await w.as.supervisor.post(`/resolutions/${r.id}/extension-requests/${request.id}/${decision}`, {
        version: current.version,
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('RESOLUTION_OWN_ITEM');
    }
    const listed = await ok(w.as.supervisor.get(`/resolutions/${r.id}/extension-requests`), 200);
    expect(listed.items[0].status).toBe('pending');
  });

  it('an item owned by someone else is still signed off by the supervisor', async () => {
    const r = await resolutionIn(w, 'closed');
    expect(r.status).toBe('closed');
  });

  it('a forbidden action reads as a sentence', async () => {
    const r = await resolutionIn(w, 'in_progress');
    const request = await ok(
      w.as.owner.post(`/resolutions/${r.id}/extension-requests`, { version: r.version, requestedDueAt: '2027-06-30', reason: '延期' }),
    );
    const res = await w.as.coHandler.post(`/resolutions/${r.id}/extension-requests/${request.id}/approve`, { version: r.version + 0 });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('you may not decide on an extension of this resolution');
    const verify = await w.as.owner.post(`/resolutions/${r.id}/verify`, { version: r.version });
    expect(verify.body.message).toBe('you may not sign off (verify) this resolution');
  });

  describe('owners and handling units belong to the council', () => {
    it('registration refuses an outside owner, lead or co-handling unit (400 naming the field)', async () => {
      const register = (body: Record<string, unknown>) =>
        w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '外部', ...body });
      expect(fieldsOf(await register({ ownerId: w.ids.outsider }))).toEqual(['ownerId']);
      expect(fieldsOf(await register({ leadOrganizationId: w.orgs.unrelated }))).toEqual(['leadOrganizationId']);
      const co = await register({ leadOrganizationId: w.orgs.lead, coOrganizationIds: [w.orgs.co, w.orgs.unrelated] });
      expect(co.status).toBe(400);
      expect(fieldsOf(co)).toEqual(['coOrganizationIds']);
      expect(co.body.message).toMatch(/not a member organization of this council/);
    });

    it('assign, reassign and splitting refuse them too', async () => {
      const r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title: '指派给外人' }));
      const assign = (body: Record<string, unknown>) =>
        w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
          version: r.version,
          leadOrganizationId: w.orgs.lead,
          ownerId: w.ids.owner,
          dueAt: '2026-12-31',
          ...body,
        });
      expect(fieldsOf(await assign({ ownerId: w.ids.outsider }))).toEqual(['ownerId']);
      expect(fieldsOf(await assign({ leadOrganizationId: w.orgs.unrelated }))).toEqual(['leadOrganizationId']);
      expect(fieldsOf(await assign({ coOrganizationIds: [w.orgs.unrelated] }))).toEqual(['coOrganizationIds']);

      const assigned = await resolutionIn(w, 'in_progress');
      const reassign = await w.as.supervisor.post(`/resolutions/${assigned.id}/reassign`, {
        version: assigned.version,
        ownerId: w.ids.outsider,
      });
      expect(reassign.status).toBe(400);
      expect(fieldsOf(reassign)).toEqual(['ownerId']);
      const child = await w.as.supervisor.post(`/resolutions/${assigned.id}/children`, { title: '分解', ownerId: w.ids.outsider });
      expect(fieldsOf(child)).toEqual(['ownerId']);
    });
  });

  describe("import: owners by username, or by a name unique among the council's people", () => {
    it('an outsider who renames himself after a council member is not the one assigned', async () => {
      const owner = await ok(t.admin.get(`/people/${w.ids.owner}`), 200);
      await ok(w.as.outsider.patch(`/people/${w.ids.outsider}`, { name: owner.name }), 200);
      const meeting = await ok(
        w.as.secretary.post(`/councils/${w.councilId}/meetings`, {
          title: `导入 ${randomUUID().slice(0, 6)}`,
          kind: 'regular',
          heldAt: '2026-03-01T09:00:00+08:00',
        }),
      );
      const res = await uploadCsv(w.as.secretary, meeting.id, [
        ['标题', '责任人'],
        ['按姓名导入', owner.name],
      ]);
      expect(res.status).toBe(201);
      expect((await ok(w.as.secretary.get(`/resolutions/${res.body.items[0].id}`), 200)).ownerId).toBe(w.ids.owner);
    });

    it('an outsider named by username or id is a row error naming owner; so are outside units', async () => {
      const outsider = await ok(t.admin.get(`/people/${w.ids.outsider}`), 200);
      const unrelated = await ok(t.admin.get(`/organizations/${w.orgs.unrelated}`), 200);
      const res = await uploadCsv(w.as.secretary, w.meetingId, [
        ['标题', '责任人', '牵头单位', '协办单位'],
        ['外人按用户名', outsider.username, '', ''],
        ['外人按编号', w.ids.outsider, '', ''],
        ['外部牵头', '', unrelated.name, ''],
        ['外部协办', '', '', unrelated.name],
      ]);
      expect(res.status).toBe(400);
      expect(res.body.created).toBe(0);
      expect(res.body.errors.map((e: any) => [e.row, e.field])).toEqual([
        [2, 'owner'],
        [3, 'owner'],
        [4, 'leadOrganization'],
        [5, 'coOrganizations'],
      ]);
      expect(res.body.errors[0].message).toMatch(/does not work in a member organization of this council/);
    });

    it('a name borne only by someone outside the council is unknown, not theirs', async () => {
      const name = `只在外单位 ${randomUUID().slice(0, 6)}`;
      await ok(
        t.admin.post('/people', {
          username: `ext-${randomUUID().slice(0, 8)}`,
          password: 'outside-person-2026',
          name,
          organizationId: w.orgs.unrelated,
        }),
      );
      const res = await uploadCsv(w.as.secretary, w.meetingId, [
        ['标题', '责任人'],
        ['事项', name],
      ]);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { row: 2, field: 'owner', message: expect.stringMatching(/no person named .* among the people of this council/) },
      ]);
    });
  });
});
