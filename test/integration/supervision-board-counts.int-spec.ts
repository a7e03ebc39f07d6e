/* eslint-disable @typescript-eslint/no-explicit-any */
import { DataSource } from 'typeorm';
import { CouncilsService } from '../../src/councils/councils.service';
import { computeLight, lightThresholds, type Light } from '../../src/resolutions/resolution-light';
import { OPEN_STATUSES, PRIORITIES, RESOLUTION_STATUSES, type ResolutionStatus } from '../../src/resolutions/resolution-workflow';
import { countItems, withRates, ZERO_COUNTS, type UnitCounts } from '../../src/supervision/figures';
import { SupervisionRepository } from '../../src/supervision/supervision.repository';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, type World } from '../support/world';

// The board's fast path (counts kept by triggers as appended deltas, "now" figures from the open
// items' index) against a recount of the rows in JavaScript with the figures' own rules
// (figures.ts countItems, resolution-light.ts computeLight), on random rows written by many kinds of
// statements: multi-row inserts, updates of every counted column, deletes, concurrent transactions,
// a rolled-back one, and folds of the deltas in between. Checked at several instants.

const NOW = new Date('2026-03-25T10:00:00+08:00');
const DAY = 86_400_000;

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('supervision board: maintained counts equal a recount', () => {
  let t: TestApp;
  let db: DataSource;
  let worlds: World[];
  const rnd = random(20261129);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const maybe = <T>(x: T, p = 0.8): T | null => (rnd() < p ? x : null);
  const at = (days: number) => new Date(NOW.getTime() + days * DAY + Math.floor(rnd() * DAY));
  let number = 0;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW.toISOString(), ownDatabase: true });
    db = t.app.get(DataSource);
    worlds = [await buildWorld(t), await buildWorld(t, { board: { rankPeople: true } })];
  });
  afterAll(() => t.close());

  /** A random row of `w`'s council: any status, deadlines and times around NOW, some of them null. */
  function randomRow(w: World) {
    const orgs = [w.orgs.lead, w.orgs.co, w.orgs.unrelated];
    const people = [w.ids.owner, w.ids.leadMember, w.ids.coHandler, w.ids.outsider];
    const status = pick(RESOLUTION_STATUSES);
    const due = maybe(at(Math.floor(rnd() * 60) - 30), 0.9);
    const lead = maybe(pick(orgs));
    return {
      council_id: w.councilId,
      meeting_id: w.meetingId,
      number: ++number,
      title: `random ${number}`,
      status,
      priority: pick(PRIORITIES),
      lead_organization_id: lead,
      co_organization_ids: orgs.filter((o) => o !== lead && rnd() < 0.3),
      owner_id: maybe(pick(people)),
      due_at: due,
      original_due_at: due && rnd() < 0.5 ? new Date(due.getTime() - Math.floor(rnd() * 10) * DAY) : due,
      completion_requested_at: maybe(at(Math.floor(rnd() * 60) - 40), 0.7),
      assigned_at: maybe(at(-Math.floor(rnd() * 30)), 0.8),
      accepted_at: maybe(at(-Math.floor(rnd() * 20)), 0.6),
      last_progress_at: maybe(at(-Math.floor(rnd() * 20)), 0.4),
      report_overdue_since: maybe(at(-Math.floor(rnd() * 5)), 0.15),
    };
  }

  async function insert(m: Pick<DataSource, 'query'>, rows: ReturnType<typeof randomRow>[]) {
    const cols = Object.keys(rows[0]);
    const params: unknown[] = [];
    const tuples = rows.map((r) => `(${cols.map((c) => (params.push((r as any)[c]), `$${params.length}`)).join(', ')})`);
    await m.query(`INSERT INTO resolutions (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }

  /**
   * One random change to a random set of a council's rows, as one UPDATE statement. Concurrent
   * transactions take different slots (rows by number modulo 3), so they never wait on each other's rows.
   */
  async function randomUpdate(m: Pick<DataSource, 'query'>, w: World, slot: number) {
    const ids = await m.query<{ id: string }[]>(
      `SELECT id FROM resolutions WHERE council_id = $1 AND number % 3 = $2 ORDER BY random() LIMIT $3`,
      [w.councilId, slot, 1 + Math.floor(rnd() * 20)],
    );
    const row = randomRow(w);
    const change = pick([
      ['status', row.status],
      ['owner_id', row.owner_id],
      ['lead_organization_id', row.lead_organization_id],
      ['co_organization_ids', row.co_organization_ids],
      ['due_at', row.due_at],
      ['original_due_at', row.original_due_at],
      ['completion_requested_at', row.completion_requested_at],
      ['report_overdue_since', row.report_overdue_since],
      ['escalation_level', 1 + Math.floor(rnd() * 3)], // counted by nothing: appends nothing
    ] as const);
    await m.query(`UPDATE resolutions SET ${change[0]} = $2 WHERE id = ANY($1::uuid[])`, [ids.map((r) => r.id), change[1]]);
  }

  /** The board's figures recounted in JavaScript from the rows, with the figures' own rules. */
  async function recount(w: World, now: Date) {
    const ctx = (await t.app.get(CouncilsService).context(w.councilId))!;
    const rows = await db.query<any[]>(`SELECT * FROM resolutions WHERE council_id = $1`, [w.councilId]);
    const items = rows.map((r) => ({
      status: r.status as ResolutionStatus,
      priority: r.priority as string,
      dueAt: r.due_at as Date | null,
      originalDueAt: r.original_due_at as Date | null,
      completionRequestedAt: r.completion_requested_at as Date | null,
      assignedAt: r.assigned_at as Date | null,
      acceptedAt: r.accepted_at as Date | null,
      lastProgressAt: r.last_progress_at as Date | null,
      reportOverdueSince: r.report_overdue_since as Date | null,
      lead: r.lead_organization_id as string | null,
      owner: r.owner_id as string | null,
      co: r.co_organization_ids as string[],
    }));
    const byStatus = Object.fromEntries(RESOLUTION_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length]));
    const byLight: Record<Light, number> = { red: 0, yellow: 0, green: 0 };
    for (const i of items) {
      const light = computeLight(i, lightThresholds(ctx.policyFor(i.priority), ctx.calendar, ctx.council.timezone, now), now);
      if (light) byLight[light]++;
    }
    const orgs = new Map<string, UnitCounts>(ctx.memberOrganizationIds.map((id) => [id, { ...ZERO_COUNTS }]));
    for (const i of items) if (i.lead) orgs.set(i.lead, { ...ZERO_COUNTS });
    for (const i of items) if (i.status !== 'cancelled') for (const o of i.co) orgs.set(o, { ...ZERO_COUNTS });
    for (const id of orgs.keys())
      orgs.set(id, {
        ...countItems(
          items.filter((i) => i.lead === id),
          now,
        ),
        coHandled: items.filter((i) => i.status !== 'cancelled' && i.co.includes(id)).length,
      });
    const owners = new Map<string, UnitCounts>();
    for (const id of new Set(items.map((i) => i.owner).filter((o): o is string => !!o)))
      owners.set(
        id,
        countItems(
          items.filter((i) => i.owner === id),
          now,
        ),
      );
    return {
      byStatus,
      byLight,
      byOrganization: Object.fromEntries([...orgs].map(([id, c]) => [id, withRates(c)])),
      byOwner: Object.fromEntries([...owners].map(([id, c]) => [id, withRates(c)])),
      open: items.filter((i) => (OPEN_STATUSES as readonly string[]).includes(i.status)).length,
    };
  }

  async function expectBoardEqualsRecount(w: World, now: Date) {
    t.clock.set(now);
    const res = await t.admin.get(`/supervision/board?councilId=${w.councilId}&limit=1`);
    expect(res.status).toBe(200);
    const figures = (u: any) => {
      const { name: _n, organizationId: _o, personId: _p, ...rest } = u;
      return rest;
    };
    const board = {
      byStatus: res.body.counts.byStatus,
      byLight: res.body.counts.byLight,
      byOrganization: Object.fromEntries(res.body.byOrganization.map((u: any) => [u.organizationId, figures(u)])),
      byOwner: Object.fromEntries(res.body.byOwner.map((u: any) => [u.personId, { ...figures(u), coHandled: 0 }])),
    };
    const expected = await recount(w, now);
    expect(expected.open).toBeGreaterThan(0);
    expect(board).toEqual({
      byStatus: expected.byStatus,
      byLight: expected.byLight,
      byOrganization: expected.byOrganization,
      byOwner: expected.byOwner,
    });
  }

  const instants = [NOW, new Date(NOW.getTime() - 9 * DAY), new Date(NOW.getTime() + 11 * DAY + 3_600_000)];

  it('after multi-row inserts', async () => {
    for (const w of worlds)
      for (let k = 0; k < 4; k++)
        await insert(
          db,
          Array.from({ length: 150 }, () => randomRow(w)),
        );
    for (const w of worlds) for (const now of instants) await expectBoardEqualsRecount(w, now);
  });

  it('after random updates of every counted column, deletes, concurrent and rolled-back transactions', async () => {
    const repo = t.app.get(SupervisionRepository);
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        worlds.flatMap((w) =>
          [0, 1, 2].map((slot) =>
            db.transaction(async (m) => {
              for (let k = 0; k < 8; k++) await randomUpdate(m, w, slot);
              await insert(m, [randomRow(w), randomRow(w)]);
            }),
          ),
        ),
      );
      for (const w of worlds)
        await db.query(
          `DELETE FROM resolutions WHERE id IN (SELECT id FROM resolutions WHERE council_id = $1 AND parent_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM resolutions c WHERE c.parent_id = resolutions.id) ORDER BY random() LIMIT 5)`,
          [w.councilId],
        );
      await expect(
        db.transaction(async (m) => {
          await randomUpdate(m, worlds[0], 0);
          await insert(m, [randomRow(worlds[0])]);
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      if (round % 2 === 1) await repo.compactCounts(worlds.map((w) => w.councilId));
    }
    for (const w of worlds) for (const now of instants) await expectBoardEqualsRecount(w, now);
  });

  it('folding the deltas changes no figure and leaves one row per group', async () => {
    const ids = worlds.map((w) => w.councilId);
    const before = await t.admin.get(`/supervision/board?councilId=${ids[0]}`);
    await t.app.get(SupervisionRepository).compactCounts(ids);
    const [{ rows, groups }] = await db.query(
      `SELECT count(*)::int AS rows, count(DISTINCT (council_id, kind, organization_id, owner_id, status))::int AS groups
         FROM supervision_board_counts WHERE council_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toBe(groups);
    const after = await t.admin.get(`/supervision/board?councilId=${ids[0]}`);
    expect(after.body).toEqual(before.body);
    for (const w of worlds) await expectBoardEqualsRecount(w, NOW);
  });

  it('folds running beside each other and beside writers lose and double nothing', async () => {
    const repo = t.app.get(SupervisionRepository);
    const ids = worlds.map((w) => w.councilId);
    await Promise.all([
      repo.compactCounts(ids),
      repo.compactCounts(ids),
      ...worlds.map((w, slot) =>
        db.transaction(async (m) => {
          await randomUpdate(m, w, slot);
          await insert(m, [randomRow(w), randomRow(w)]);
        }),
      ),
      repo.compactCounts(ids),
    ]);
    for (const w of worlds) await expectBoardEqualsRecount(w, NOW);
  });
});
