/* eslint-disable @typescript-eslint/no-explicit-any */
import type { ApiClient } from './api-client';
import type { TestApp } from './app';
import { ok, type World } from './world';

/**
 * The hand-computed council of the supervision tests, built through the API on the test clock
 * (Beijing dates, the default policy). Lead unit 城建办 (owner) leads A–F and I, with 管委会 as
 * co-handler; 管委会 (coHandler) leads G and H alone.
 *
 * - A due 03-10, completion requested 03-09, signed off 03-12: on time (the sign-off delay is not the unit's).
 * - B due 03-10, extended to 03-20, requested 03-15: on time against the approved deadline, late against the original.
 * - C due 03-10, requested and signed off 03-11: closed late.
 * - D due 03-10, still in progress: open overdue (15 days at 03-25 10:00).
 * - E due 03-31, in progress, no report since acceptance: open, yellow (stagnant).
 * - F due 03-05, cancelled on 03-03: left out of every figure but the counts by status.
 * - I due 03-20, in progress: open overdue (5 days).
 * - G due 03-10, requested 03-05: on time. H due 03-31, progress reported 03-24: open, green.
 *
 * At 03-25 10:00 (+08): 城建办 open 3, overdue 2, closed 3, on time 2 (original 1), rate 2/5 = 0.4
 * (naively 2/3), original 1/5 = 0.2; 管委会 leads open 1, closed 1 on time, rate 1, co-handles 6 (A–E, I).
 */
export const AS_OF = '2026-03-25T10:00:00+08:00';

export interface Fixture {
  ids: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I', string>;
}

export async function buildSupervisionFixture(t: TestApp, w: World): Promise<Fixture> {
  const at = (day: string, time = '10:00') => t.clock.set(`2026-03-${day}T${time}:00+08:00`);
  const latest = async (id: string) => ok(w.as.supervisor.get(`/resolutions/${id}`), 200);
  const step = async (client: ApiClient, id: string, action: string, body: Record<string, unknown> = {}, status = 200) =>
    ok(client.post(`/resolutions/${id}/${action}`, { version: (await latest(id)).version, ...body }), status);

  at('02', '09:00');
  const make = async (title: string, dueAt: string, lead: 'lead' | 'co') => {
    const r = await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title }));
    await step(w.as.supervisor, r.id, 'assign', {
      leadOrganizationId: lead === 'lead' ? w.orgs.lead : w.orgs.co,
      coOrganizationIds: lead === 'lead' ? [w.orgs.co] : [],
      ownerId: lead === 'lead' ? w.ids.owner : w.ids.coHandler,
      dueAt,
    });
    return r.id as string;
  };
  const ids = {
    A: await make('A 拆迁清理', '2026-03-10', 'lead'),
    B: await make('B 公园开放', '2026-03-10', 'lead'),
    C: await make('C 联合课堂', '2026-03-10', 'lead'),
    D: await make('D 道路修缮', '2026-03-10', 'lead'),
    E: await make('E 污水治理', '2026-03-31', 'lead'),
    F: await make('F 撤销事项', '2026-03-05', 'lead'),
    G: await make('G 社区食堂', '2026-03-10', 'co'),
    H: await make('H 停车场', '2026-03-31', 'co'),
    I: await make('I 路灯更换', '2026-03-20', 'lead'),
  };
  for (const key of ['A', 'B', 'C', 'D', 'E', 'I'] as const) await step(w.as.owner, ids[key], 'accept');
  for (const key of ['G', 'H'] as const) await step(w.as.coHandler, ids[key], 'accept');

  at('03');
  await step(w.as.supervisor, ids.F, 'cancel', { reason: '会议决定撤销' });
  at('05');
  await step(w.as.coHandler, ids.G, 'completion-request', { summary: '已开业' });
  at('06');
  await step(w.as.supervisor, ids.G, 'verify');
  at('08');
  const extension = await step(w.as.owner, ids.B, 'extension-requests', { requestedDueAt: '2026-03-20', reason: '雨季施工' }, 201);
  await step(w.as.supervisor, ids.B, `extension-requests/${extension.id}/approve`);
  at('09');
  await step(w.as.owner, ids.A, 'completion-request', { summary: '已清理' });
  at('11');
  await step(w.as.owner, ids.C, 'completion-request', { summary: '已开课' });
  await step(w.as.supervisor, ids.C, 'verify');
  at('12');
  await step(w.as.supervisor, ids.A, 'verify');
  at('15');
  await step(w.as.owner, ids.B, 'completion-request', { summary: '已开放' });
  at('16');
  await step(w.as.supervisor, ids.B, 'verify');
  at('24');
  await step(w.as.coHandler, ids.H, 'progress', { note: '已完成选址', percent: 60 });
  t.clock.set(AS_OF);
  return { ids };
}
