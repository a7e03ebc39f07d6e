/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import type { ApiClient } from './api-client';
import type { TestApp } from './app';

/** Everyone in a small joint council, each signed in. Names are unique per call so tests can share a database. */
export interface World {
  councilId: string;
  meetingId: string;
  orgs: { lead: string; co: string; unrelated: string };
  ids: Record<PersonKey, string>;
  as: Record<PersonKey, ApiClient>;
}

export type PersonKey =
  'chair' | 'secretary' | 'supervisor' | 'owner' | 'leadMember' | 'leadLeader' | 'coHandler' | 'coLeader' | 'outsider';

const PASSWORD = 'password-123';

async function ok(promise: Promise<{ status: number; body: any }>, expected = 201): Promise<any> {
  const res = await promise;
  if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Builds a council through the API as the admin: a lead and a co-handling organization with their
 * leaders, an unrelated organization, a chair, a secretary, a supervisor, an owner, and one meeting.
 */
export async function buildWorld(t: TestApp, policy?: Record<string, unknown>): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const org = (name: string, kind: string) =>
    ok(t.admin.post('/organizations', { name: `${name} ${tag}`, kind })).then((o) => o.id as string);
  const secretariat = await org('联席会议办公室', 'working_committee');
  const lead = await org('城建办', 'subdistrict_office');
  const co = await org('管委会', 'management_committee');
  const unrelated = await org('无关单位', 'company');
  const person = async (key: string, organizationId: string) =>
    (await ok(t.admin.post('/people', { username: `${key}-${tag}`, password: PASSWORD, name: `${key} ${tag}`, organizationId })))
      .id as string;
  const ids = {
    chair: await person('chair', secretariat),
    secretary: await person('secretary', secretariat),
    supervisor: await person('supervisor', secretariat),
    owner: await person('owner', lead),
    leadMember: await person('leadMember', lead),
    leadLeader: await person('leadLeader', lead),
    coHandler: await person('coHandler', co),
    coLeader: await person('coLeader', co),
    outsider: await person('outsider', unrelated),
  } satisfies Record<PersonKey, string>;
  await ok(t.admin.patch(`/organizations/${lead}`, { leaderId: ids.leadLeader }), 200);
  await ok(t.admin.patch(`/organizations/${co}`, { leaderId: ids.coLeader }), 200);
  const council = await ok(
    t.admin.post('/councils', {
      name: `联席会议 ${tag}`,
      memberOrganizationIds: [secretariat, lead, co],
      chairId: ids.chair,
      secretaryIds: [ids.secretary],
      supervisorIds: [ids.supervisor],
      ...(policy ? { policy } : {}),
    }),
  );
  const as = Object.fromEntries(
    await Promise.all(Object.keys(ids).map(async (k) => [k, await t.login(`${k}-${tag}`, PASSWORD)])),
  ) as Record<PersonKey, ApiClient>;
  const meeting = await ok(
    as.secretary.post(`/councils/${council.id}/meetings`, {
      title: `第一次联席会议 ${tag}`,
      kind: 'regular',
      heldAt: '2026-03-01T09:00:00+08:00',
    }),
  );
  return { councilId: council.id, meetingId: meeting.id, orgs: { lead, co, unrelated }, ids, as };
}

/** Registers a resolution and drives it to `status` through the real workflow; returns the latest view. */
export async function resolutionIn(
  w: World,
  status: 'registered' | 'assigned' | 'in_progress' | 'completion_requested' | 'closed' | 'cancelled',
  extra: { dueAt?: string; title?: string; confidential?: boolean; description?: string } = {},
): Promise<any> {
  let r = await ok(
    w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, {
      title: extra.title ?? '清理项目X的拆迁障碍',
      confidential: extra.confidential,
      description: extra.description,
    }),
  );
  if (status === 'registered') return r;
  if (status === 'cancelled')
    return ok(w.as.supervisor.post(`/resolutions/${r.id}/cancel`, { version: r.version, reason: '会议决定撤销' }), 200);
  r = await ok(
    w.as.supervisor.post(`/resolutions/${r.id}/assign`, {
      version: r.version,
      leadOrganizationId: w.orgs.lead,
      coOrganizationIds: [w.orgs.co],
      ownerId: w.ids.owner,
      dueAt: extra.dueAt ?? '2026-12-31',
    }),
    200,
  );
  if (status === 'assigned') return r;
  r = await ok(w.as.owner.post(`/resolutions/${r.id}/accept`, { version: r.version }), 200);
  if (status === 'in_progress') return r;
  r = await ok(w.as.owner.post(`/resolutions/${r.id}/completion-request`, { version: r.version, summary: '已完成' }), 200);
  if (status === 'completion_requested') return r;
  return ok(w.as.supervisor.post(`/resolutions/${r.id}/verify`, { version: r.version }), 200);
}

export { ok };
