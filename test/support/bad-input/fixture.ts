/* eslint-disable @typescript-eslint/no-explicit-any */
import type { TestApp } from '../app';
import { buildWorld, ok, resolutionIn } from '../world';
import type { Fixture } from './types';

type State = Parameters<typeof resolutionIn>[1];

/** Which resolution each transition table works on, and the state its action needs. */
const RESOLUTIONS: Record<string, State> = {
  parent: 'registered',
  assign: 'registered',
  cancel: 'registered',
  reassign: 'assigned',
  accept: 'assigned',
  progress: 'in_progress',
  extension: 'in_progress',
  approve: 'in_progress',
  reject: 'in_progress',
  completion: 'in_progress',
  urge: 'in_progress',
  check: 'in_progress',
  verify: 'completion_requested',
  return: 'completion_requested',
};

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const w = await buildWorld(t);
  const tag = w.councilId.slice(0, 8);
  const r: Record<string, any> = {};
  for (const [key, state] of Object.entries(RESOLUTIONS)) r[key] = await resolutionIn(w, state, { title: `${key} 事项` });
  const extensionIds: Record<string, string> = {};
  for (const key of ['approve', 'reject']) {
    const request = await ok(
      w.as.owner.post(`/resolutions/${r[key].id}/extension-requests`, {
        version: r[key].version,
        requestedDueAt: '2027-02-28',
        reason: '需要更多时间',
      }),
    );
    extensionIds[key] = request.id;
  }
  // Requests bump the version: every table starts from the current one.
  for (const key of Object.keys(r)) r[key] = await ok(w.as.supervisor.get(`/resolutions/${r[key].id}`), 200);
  const spareOrgId = (await ok(t.admin.post('/organizations', { name: `备用单位 ${tag}`, kind: 'other' }))).id;
  const sparePersonId = (
    await ok(
      t.admin.post('/people', { username: `spare-${tag}`, password: 'password-123', name: `备用 ${tag}`, organizationId: spareOrgId }),
    )
  ).id;
  return { t, w, tag, r, extensionIds, spareOrgId, sparePersonId };
}
