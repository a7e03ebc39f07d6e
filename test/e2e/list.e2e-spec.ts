/* eslint-disable @typescript-eslint/no-explicit-any */
// GET /resolutions: every filter of API.md, every sort, and cursor pagination, over a council whose
// items are laid out below with known deadlines, states and parties.
import type { ApiClient } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, resolutionIn, type PersonKey, type World } from '../support/world';

type Status = 'registered' | 'assigned' | 'in_progress' | 'completion_requested' | 'closed' | 'cancelled';

interface ItemSpec {
  title: string;
  status: Status;
  lead?: 'lead' | 'co';
  coHandling?: 'lead' | 'co';
  owner?: PersonKey;
  dueAt?: string;
  description?: string;
  parent?: string;
  meeting?: 'first' | 'second';
}

/** Registration happens on Monday 2 March; the list is read on Thursday 12 March at 10:00. */
const REGISTERED_AT = '2026-03-02T09:00:00+08:00';
const READ_AT = '2026-03-12T10:00:00+08:00';

const ITEMS = {
  unassigned: { title: '清理项目X的拆迁障碍', status: 'registered', description: '涉及三户居民' },
  lateAcceptance: { title: '开放滨河公园', status: 'assigned', lead: 'lead', coHandling: 'co', owner: 'owner', dueAt: '2026-03-20' },
  overdue2Days: { title: '修复背街小巷路面', status: 'in_progress', lead: 'co', owner: 'coHandler', dueAt: '2026-03-10' },
  overdue6Days: { title: '整治农贸市场周边秩序', status: 'in_progress', lead: 'lead', owner: 'owner', dueAt: '2026-03-06' },
  onTrack: { title: '成立共建课堂', status: 'in_progress', lead: 'lead', owner: 'leadMember', dueAt: '2026-06-30' },
  dueSoon: {
    title: '完成党群服务中心选址',
    status: 'in_progress',
    lead: 'lead',
    coHandling: 'co',
    owner: 'owner',
    dueAt: '2026-03-16',
    meeting: 'second',
  },
  dueAtNoon: { title: '报送共建项目清单', status: 'in_progress', lead: 'lead', owner: 'owner', dueAt: '2026-03-16T12:00:00+08:00' },
  closedEarly: { title: '召开动员会', status: 'closed', lead: 'lead', owner: 'owner', dueAt: '2026-03-05' },
  cancelled: { title: '撤销的事项', status: 'cancelled' },
  percent: { title: '完成率100%的项目', status: 'registered' },
  noPercent: { title: '完成率1000的项目', status: 'registered' },
} satisfies Record<string, ItemSpec>;
type ItemKey = keyof typeof ITEMS | 'child';

describe('GET /resolutions: filters, sorts and cursor pagination', () => {
  let t: TestApp;
  let w: World;
  let secondMeetingId: string;
  const id: Record<ItemKey, string> = {} as Record<ItemKey, string>;
  const nameOf = (rid: string) => (Object.entries(id).find(([, v]) => v === rid)?.[0] ?? rid) as ItemKey;

  /** Registers an item and drives it to its status; the clock moves a minute per item, so creation order is known. */
  async function make(spec: ItemSpec): Promise<any> {
    t.clock.advance(60_000);
    const orgOf = (k?: 'lead' | 'co') => (k ? w.orgs[k] : undefined);
    const meetingId = spec.meeting === 'second' ? secondMeetingId : w.meetingId;
    const registration = { title: spec.title, description: spec.description };
    let r = spec.parent
      ? await ok(w.as.supervisor.post(`/resolutions/${spec.parent}/children`, { ...registration, dueAt: spec.dueAt }), 201)
      : await ok(w.as.secretary.post(`/meetings/${meetingId}/resolutions`, registration), 201);
    const act = async (client: ApiClient, action: string, body: Record<string, unknown> = {}) =>
      (r = await ok(client.post(`/resolutions/${r.id}/${action}`, { version: r.version, ...body }), 200));
    if (spec.status === 'cancelled') await act(w.as.supervisor, 'cancel', { reason: '撤销' });
    if (spec.status === 'registered' || spec.status === 'cancelled') return r;
    const owner = spec.owner ?? 'owner';
    await act(w.as.supervisor, 'assign', {
      leadOrganizationId: orgOf(spec.lead ?? 'lead'),
      coOrganizationIds: spec.coHandling ? [orgOf(spec.coHandling)] : [],
      ownerId: w.ids[owner],
      dueAt: spec.dueAt,
    });
    if (spec.status === 'assigned') return r;
    await act(w.as[owner], 'accept');
    if (spec.status === 'in_progress') return r;
    await act(w.as[owner], 'completion-request', { summary: '完成' });
    if (spec.status === 'completion_requested') return r;
    return act(w.as.supervisor, 'verify');
  }

  /** The names of the items a query answers, for this council only unless the query says otherwise. */
  async function names(query: string, client: ApiClient = w.as.supervisor): Promise<ItemKey[]> {
    const page = await ok(client.get(`/resolutions?councilId=${w.councilId}&limit=200&${query}`), 200);
    expect(page.nextCursor).toBeNull();
    return page.items.map((x: any) => nameOf(x.id));
  }
  const sorted = (keys: ItemKey[]) => [...keys].sort();
  const ALL = (): ItemKey[] => Object.keys(id) as ItemKey[];
  const except = (...keys: ItemKey[]) => ALL().filter((k) => !keys.includes(k));

  beforeAll(async () => {
    t = await startTestApp({ now: REGISTERED_AT });
    w = await buildWorld(t);
    secondMeetingId = (
      await ok(
        w.as.secretary.post(`/councils/${w.councilId}/meetings`, {
          title: '第二次联席会议',
          kind: 'ad_hoc',
          heldAt: '2026-03-02T14:00:00+08:00',
        }),
      )
    ).id;
    for (const [key, spec] of Object.entries(ITEMS) as [keyof typeof ITEMS, ItemSpec][]) id[key] = (await make(spec)).id;
    id.child = (await make({ title: '分解：完成课堂场地改造', status: 'registered', parent: id.onTrack, dueAt: '2026-05-15' })).id;
    await t.db.query('UPDATE resolutions SET escalation_level = 2 WHERE id = $1', [id.overdue6Days]);
    // Another council's items never appear under this council's filter.
    const other = await buildWorld(t);
    await resolutionIn(other, 'in_progress');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(READ_AT));

  it('councilId: exactly this council’s items', async () => {
    expect(sorted(await names('', t.admin))).toEqual(sorted(ALL()));
  });

  it('meetingId', async () => {
    expect(await names(`meetingId=${secondMeetingId}`)).toEqual(['dueSoon']);
  });

  it('status', async () => {
    expect(sorted(await names('status=in_progress'))).toEqual(sorted(['overdue2Days', 'overdue6Days', 'onTrack', 'dueSoon', 'dueAtNoon']));
    expect(await names('status=closed')).toEqual(['closedEarly']);
    expect(await names('status=cancelled')).toEqual(['cancelled']);
    expect(await names('status=completion_requested')).toEqual([]);
  });

  it('ownerId', async () => {
    expect(sorted(await names(`ownerId=${w.ids.owner}`))).toEqual(
      sorted(['lateAcceptance', 'overdue6Days', 'dueSoon', 'dueAtNoon', 'closedEarly']),
    );
    expect(await names(`ownerId=${w.ids.coHandler}`)).toEqual(['overdue2Days']);
  });

  it('organizationId: items the organization leads or co-handles', async () => {
    expect(sorted(await names(`organizationId=${w.orgs.co}`))).toEqual(sorted(['lateAcceptance', 'overdue2Days', 'dueSoon']));
    expect(sorted(await names(`organizationId=${w.orgs.lead}`))).toEqual(
      sorted(['lateAcceptance', 'overdue6Days', 'onTrack', 'dueSoon', 'dueAtNoon', 'closedEarly']),
    );
    expect(await names(`organizationId=${w.orgs.unrelated}`)).toEqual([]);
  });

  it('light: the same colour the item itself shows', async () => {
    const red = ['overdue2Days', 'overdue6Days'] as ItemKey[];
    const yellow = ['lateAcceptance', 'dueSoon', 'dueAtNoon'] as ItemKey[];
    const green = ['unassigned', 'onTrack', 'percent', 'noPercent', 'child'] as ItemKey[];
    expect(sorted(await names('light=red'))).toEqual(sorted(red));
    expect(sorted(await names('light=yellow'))).toEqual(sorted(yellow));
    expect(sorted(await names('light=green'))).toEqual(sorted(green));
    // Cross-check against the light each item carries.
    const all = await ok(w.as.supervisor.get(`/resolutions?councilId=${w.councilId}&limit=200`), 200);
    const byLight = (light: string | null) => sorted(all.items.filter((x: any) => x.light === light).map((x: any) => nameOf(x.id)));
    expect({ red: byLight('red'), yellow: byLight('yellow'), green: byLight('green'), none: byLight(null) }).toEqual({
      red: sorted(red),
      yellow: sorted(yellow),
      green: sorted(green),
      none: sorted(['closedEarly', 'cancelled']),
    });
  });

  it('overdue: open and past the deadline (a closed item past its deadline is not overdue)', async () => {
    expect(sorted(await names('overdue=true'))).toEqual(sorted(['overdue2Days', 'overdue6Days']));
    expect(sorted(await names('overdue=false'))).toEqual(sorted(except('overdue2Days', 'overdue6Days')));
  });

  it('escalationLevel', async () => {
    expect(await names('escalationLevel=2')).toEqual(['overdue6Days']);
    expect(sorted(await names('escalationLevel=0'))).toEqual(sorted(except('overdue6Days')));
  });

  it('dueBefore and dueAfter: a date covers that whole day in Asia/Shanghai, an instant is exact', async () => {
    expect(sorted(await names('dueBefore=2026-03-10'))).toEqual(sorted(['overdue2Days', 'overdue6Days', 'closedEarly']));
    expect(sorted(await names('dueBefore=2026-03-09'))).toEqual(sorted(['overdue6Days', 'closedEarly']));
    expect(sorted(await names('dueAfter=2026-03-16'))).toEqual(sorted(['lateAcceptance', 'onTrack', 'dueSoon', 'dueAtNoon', 'child']));
    expect(sorted(await names('dueAfter=2026-03-17'))).toEqual(sorted(['lateAcceptance', 'onTrack', 'child']));
    expect(sorted(await names('dueAfter=2026-03-16&dueBefore=2026-03-16'))).toEqual(sorted(['dueSoon', 'dueAtNoon']));
    expect(await names(`dueAfter=${encodeURIComponent('2026-03-16T12:00:01+08:00')}&dueBefore=2026-03-16`)).toEqual(['dueSoon']);
    expect(await names(`dueBefore=${encodeURIComponent('2026-03-16T12:00:00+08:00')}&dueAfter=2026-03-11`)).toEqual(['dueAtNoon']);
  });

  it('with councilId, date bounds are read in that council’s time zone', async () => {
    const utc = await buildWorld(t);
    await ok(t.admin.patch(`/councils/${utc.councilId}`, { timezone: 'UTC' }), 200);
    t.clock.set(REGISTERED_AT);
    const r = await resolutionIn(utc, 'in_progress', { dueAt: '2026-03-16' });
    expect(r.dueAt).toBe('2026-03-16T23:59:59.999Z');
    const ids = async (query: string) =>
      (await ok(utc.as.supervisor.get(`/resolutions?councilId=${utc.councilId}&${query}`), 200)).items.map((x: any) => x.id);
    expect(await ids('dueBefore=2026-03-16')).toEqual([r.id]);
    expect(await ids('dueAfter=2026-03-16')).toEqual([r.id]);
    expect(await ids('dueAfter=2026-03-17')).toEqual([]);
    expect(await ids('dueBefore=2026-03-15')).toEqual([]);
  });

  it('q: text in title or description, with % taken literally', async () => {
    expect(await names(`q=${encodeURIComponent('拆迁')}`)).toEqual(['unassigned']);
    expect(await names(`q=${encodeURIComponent('三户居民')}`)).toEqual(['unassigned']);
    expect(await names(`q=${encodeURIComponent('100%')}`)).toEqual(['percent']);
    expect(sorted(await names(`q=${encodeURIComponent('完成率')}`))).toEqual(sorted(['percent', 'noPercent']));
    expect(await names(`q=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('parentId', async () => {
    expect(await names(`parentId=${id.onTrack}`)).toEqual(['child']);
    expect(await names(`parentId=${id.overdue2Days}`)).toEqual([]);
  });

  it('filters combine', async () => {
    expect(await names(`status=in_progress&organizationId=${w.orgs.co}&light=red`)).toEqual(['overdue2Days']);
  });

  describe('sort', () => {
    /** Every item of the council in the order the list answers, read through the whole cursor chain. */
    async function walk(sort: string, limit: number): Promise<any[]> {
      const seen: any[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const page: any = await ok(
          w.as.supervisor.get(`/resolutions?councilId=${w.councilId}&sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
          200,
        );
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) return seen;
      }
      throw new Error('the cursor chain does not end');
    }
    const dueMs = (x: any) => (x.dueAt ? Date.parse(x.dueAt) : null);

    it('createdAt (the default): the order of registration', async () => {
      const creationOrder = ALL();
      expect((await walk('createdAt', 200)).map((x) => nameOf(x.id))).toEqual(creationOrder);
      const defaultOrder = await ok(w.as.supervisor.get(`/resolutions?councilId=${w.councilId}&limit=200`), 200);
      expect(defaultOrder.items.map((x: any) => nameOf(x.id))).toEqual(creationOrder);
    });

    it('dueAt: earliest deadline first, items without one last', async () => {
      const items = await walk('dueAt', 200);
      const dues = items.map(dueMs);
      const dated = dues.filter((d): d is number => d !== null);
      expect(dated).toEqual([...dated].sort((a, b) => a - b));
      expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
      expect(nameOf(items[0].id)).toBe('closedEarly');
    });

    it('-dueAt: latest deadline first, items without one last', async () => {
      const items = await walk('-dueAt', 200);
      const dues = items.map(dueMs);
      const dated = dues.filter((d): d is number => d !== null);
      expect(dated).toEqual([...dated].sort((a, b) => b - a));
      expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
      expect(nameOf(items[0].id)).toBe('onTrack');
    });

    it('-daysOverdue: the most overdue first, then everything that is not overdue', async () => {
      const items = await walk('-daysOverdue', 200);
      expect(items.slice(0, 2).map((x) => [nameOf(x.id), x.daysOverdue])).toEqual([
        ['overdue6Days', 6],
        ['overdue2Days', 2],
      ]);
      const days = items.map((x) => x.daysOverdue);
      expect(days).toEqual([...days].sort((a, b) => b - a));
    });

    it.each(['createdAt', 'dueAt', '-dueAt', '-daysOverdue'])(
      'cursor pagination (limit 2, sort %s) walks every item exactly once, in the same order as one page',
      async (sort) => {
        const onePage = (await walk(sort, 200)).map((x) => x.id);
        const paged = (await walk(sort, 2)).map((x) => x.id);
        expect(new Set(paged).size).toBe(paged.length);
        expect(paged.map(nameOf)).toEqual(onePage.map(nameOf));
        expect(paged).toHaveLength(ALL().length);
      },
    );
  });

  it('cursor pagination also holds while other filters apply', async () => {
    const pages: ItemKey[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ok(
        w.as.supervisor.get(`/resolutions?councilId=${w.councilId}&status=in_progress&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      pages.push(...page.items.map((x: any) => nameOf(x.id)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sorted(pages)).toEqual(sorted(['overdue2Days', 'overdue6Days', 'onTrack', 'dueSoon', 'dueAtNoon']));
  });

  it('limit is 1..200 (0 and 201 → 400 naming limit); an unknown cursor → 400', async () => {
    for (const limit of ['0', '201', '-1', 'abc', '1.5']) {
      const res = await w.as.supervisor.get(`/resolutions?limit=${limit}`);
      expect({ limit, status: res.status }).toEqual({ limit, status: 400 });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'limit' })]));
    }
    expect((await w.as.supervisor.get('/resolutions?limit=1')).status).toBe(200);
    expect((await w.as.supervisor.get('/resolutions?limit=200')).status).toBe(200);
    const badCursor = await w.as.supervisor.get('/resolutions?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'cursor' })]));
  });

  it('a bad filter value → 400 naming it', async () => {
    for (const [field, query] of [
      ['status', 'status=done'],
      ['light', 'light=blue'],
      ['overdue', 'overdue=yes'],
      ['escalationLevel', 'escalationLevel=4'],
      ['dueBefore', 'dueBefore=2026-13-01'],
      ['councilId', 'councilId=123'],
      ['sort', 'sort=title'],
    ]) {
      const res = await w.as.supervisor.get(`/resolutions?${query}`);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });
});
