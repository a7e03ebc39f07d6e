/** The fixture the fuzz runs against: real objects for path ids and for fields to point at. */
import { createHmac } from 'node:crypto';
import type { ApiClient } from '../api-client';
import type { TestApp } from '../app';
import { buildWorld, ok, resolutionIn, type PersonKey, type World } from '../world';

export const PERSON_KEYS: PersonKey[] = [
  'chair',
  'secretary',
  'supervisor',
  'owner',
  'leadMember',
  'leadLeader',
  'coHandler',
  'coLeader',
  'outsider',
];
export type Who = PersonKey | 'admin' | 'anonymous' | 'forged';
export interface Caller {
  who: Who;
  /** A forged caller's Authorization header (no token the server issued). */
  authorization?: string;
}

export type IdKind = 'resolutions' | 'meetings' | 'councils' | 'organizations' | 'people' | 'notifications' | 'extension-requests';
export type Pool = Record<IdKind, string[]>;

export interface Fixture {
  t: TestApp;
  w: World;
  /** The sacrificial world: its people call the operations that change the directory. */
  spare: World;
  /** A second administrator, who calls the sacrificial operations as admin (and may log out). */
  spareAdmin: ApiClient;
  /** Ids of the main world (every operation) and of the sacrificial one (operations that change the directory). */
  main: Pool;
  sacrificial: Pool;
  /** [resolution id, its pending extension request id]: approve / reject need the two to match. */
  extensionPairs: [string, string][];
  /**
   * The last version and status seen of each resolution, so that valid transitions name the current version
   * and a resolution they may start from.
   */
  versions: Map<string, number>;
  statuses: Map<string, string>;
  /** Cursors real lists returned (each list's, so some are sent to the wrong list). */
  cursors: string[];
  calendarTokens: string[];
  /** Names an import file may refer to (the main world's). */
  organizationNames: string[];
  /** People by name and by username. */
  personNames: string[];
  forged: string[];
}

export const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers no client should get past: unsigned, wrongly signed, damaged, other schemes. */
function forgedAuthorizations(w: World): string[] {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const claims = b64url({ sub: w.ids.chair });
  const wrongSignature = createHmac('sha256', 'not-the-secret').update(`${header}.${claims}`).digest('base64url');
  const real = w.as.chair.token!;
  return [
    'Bearer garbage',
    'Bearer ',
    'Bearer',
    'Basic YWRtaW46YWRtaW4=',
    `bearer ${real}`,
    `Bearer ${real}x`,
    `Bearer ${real} ${real}`,
    `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${claims}.`,
    `Bearer ${header}.${claims}.${wrongSignature}`,
    `Bearer ${header}.${b64url({ sub: 'not-a-uuid' })}.${wrongSignature}`,
    `Bearer ${'a'.repeat(8000)}`,
  ];
}

function poolOf(w: World, resolutionIds: string[], extensionIds: string[], notificationIds: string[]): Pool {
  return {
    resolutions: resolutionIds,
    meetings: [w.meetingId],
    councils: [w.councilId],
    organizations: Object.values(w.orgs),
    people: Object.values(w.ids),
    notifications: notificationIds,
    'extension-requests': extensionIds,
  };
}

async function notificationIdsOf(w: World): Promise<string[]> {
  const ids: string[] = [];
  for (const who of ['owner', 'leadLeader', 'coHandler'] as const) {
    const inbox = await ok(w.as[who].get('/notifications?limit=5'), 200);
    ids.push(...inbox.items.map((n: { id: string }) => n.id));
  }
  return ids;
}

export interface ResolutionView {
  id: string;
  version: number;
  status: string;
}

const STATES = ['registered', 'assigned', 'in_progress', 'completion_requested', 'closed', 'cancelled'] as const;

export function remember(fx: Pick<Fixture, 'versions' | 'statuses'>, r: ResolutionView): ResolutionView {
  fx.versions.set(r.id, r.version);
  fx.statuses.set(r.id, r.status);
  return r;
}

/**
 * Resolutions in every state resolutionIn() reaches, plus one in progress with a pending extension
 * request, become the main pool's. Called before each operation that acts on a resolution, because
 * the operations before it moved the old ones on (cancelled them, closed them, bumped their versions).
 */
export async function freshResolutions(fx: Fixture): Promise<void> {
  const { w } = fx;
  const fresh: ResolutionView[] = [];
  for (const state of STATES) fresh.push(remember(fx, await resolutionIn(w, state, { title: `模糊测试 ${state}` })));
  const extended = await resolutionIn(w, 'in_progress', { title: '模糊测试 延期' });
  const extension = await ok(
    w.as.owner.post(`/resolutions/${extended.id}/extension-requests`, {
      version: extended.version,
      requestedDueAt: '2027-02-28',
      reason: '需要更多时间',
    }),
  );
  fresh.push(remember(fx, await ok(w.as.supervisor.get(`/resolutions/${extended.id}`), 200)));
  const child = remember(fx, await ok(w.as.supervisor.post(`/resolutions/${fresh[0].id}/children`, { title: '分解事项' })));
  fx.main.resolutions = [...fresh.map((r) => r.id), child.id];
  fx.main['extension-requests'] = [extension.id];
  fx.extensionPairs = [[extended.id, extension.id]];
}

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const w = await buildWorld(t);
  const [versions, statuses] = [new Map<string, number>(), new Map<string, string>()];
  // A second meeting, so the meetings list has a next page (and a cursor).
  await ok(
    w.as.secretary.post(`/councils/${w.councilId}/meetings`, {
      title: '第二次联席会议',
      kind: 'ad_hoc',
      heldAt: '2026-03-02T09:00:00+08:00',
    }),
  );

  // The sacrificial world: PATCH / PUT on people, organizations and councils may demote a secretary or
  // move the owner to another unit; doing that to the main world would leave later operations nothing
  // but 403s. It has open items of its own, so a policy change there recomputes real reminders.
  const spare = await buildWorld(t);
  const spareResolutions: ResolutionView[] = [];
  for (const state of ['registered', 'assigned', 'in_progress'] as const)
    spareResolutions.push(remember({ versions, statuses }, await resolutionIn(spare, state)));

  const organizationNames: string[] = [];
  for (const id of Object.values(w.orgs)) organizationNames.push((await ok(t.admin.get(`/organizations/${id}`), 200)).name);
  const personNames: string[] = [];
  for (const id of Object.values(w.ids)) {
    const person = await ok(t.admin.get(`/people/${id}`), 200);
    personNames.push(person.name, person.username);
  }

  const spareAdminName = `spare-admin-${spare.councilId.slice(0, 8)}`;
  await ok(
    t.admin.post('/people', {
      username: spareAdminName,
      password: 'spare-admin-password',
      name: '备用管理员',
      organizationId: spare.orgs.lead,
      isAdmin: true,
    }),
  );
  const fx: Fixture = {
    t,
    w,
    spare,
    spareAdmin: await t.login(spareAdminName, 'spare-admin-password'),
    main: poolOf(w, [], [], []),
    sacrificial: poolOf(
      spare,
      spareResolutions.map((r) => r.id),
      [],
      await notificationIdsOf(spare),
    ),
    extensionPairs: [],
    versions,
    statuses,
    cursors: [],
    calendarTokens: [(await ok(w.as.owner.get(`/people/${w.ids.owner}/calendar-token`), 200)).token],
    organizationNames,
    personNames,
    forged: forgedAuthorizations(w),
  };
  await freshResolutions(fx);
  fx.main.notifications = await notificationIdsOf(w);
  for (const [client, path] of [
    [t.admin, '/organizations?limit=1'],
    [t.admin, '/people?limit=1'],
    [w.as.supervisor, `/resolutions?limit=1&councilId=${w.councilId}&sort=dueAt`],
    [w.as.supervisor, '/resolutions?limit=1&sort=-createdAt'],
    [w.as.owner, '/notifications?limit=1'],
    [w.as.secretary, `/councils/${w.councilId}/meetings?limit=1`],
  ] as const) {
    const page = await ok(client.get(path), 200);
    if (page.nextCursor) fx.cursors.push(page.nextCursor);
  }
  return fx;
}
