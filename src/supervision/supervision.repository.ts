import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LightThresholds } from '../resolutions/resolution-light';
import { OPEN_STATUSES } from '../resolutions/resolution-workflow';
import type { AssessmentCounts } from './assessment';
import { ZERO_COUNTS, type UnitCounts } from './figures';

/*
 * The supervision read model. Its queries read the tables of resolutions, people, organizations,
 * councils, checks and events directly: they are read-model queries (aggregates over thousands of
 * rows, which no per-item service call could answer in time), never writes to another module's tables.
 */

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

interface CountRow {
  open: number;
  overdue: number;
  overdue_original: number;
  closed: number;
  closed_on_time: number;
  closed_on_time_original: number;
}

const toCounts = (row: CountRow, coHandled = 0): UnitCounts => ({
  ...ZERO_COUNTS,
  open: row.open,
  overdue: row.overdue,
  overdueOriginal: row.overdue_original,
  closed: row.closed,
  closedOnTime: row.closed_on_time,
  closedOnTimeOriginal: row.closed_on_time_original,
  coHandled,
});

/** The light thresholds of one (council, priority), as `computeLight` uses them. */
export interface ThresholdRow extends LightThresholds {
  councilId: string;
  priority: string;
}

export interface BoardAggregates {
  byStatus: { councilId: string; status: string; count: number }[];
  byLight: { councilId: string; light: 'green' | 'yellow' | 'red'; count: number }[];
  byCouncil: Map<string, UnitCounts>;
  /** Lead organization → counts, per council (the caller sums across councils). */
  byOrganization: { councilId: string; organizationId: string; counts: UnitCounts }[];
  byOwner: { councilId: string; personId: string; counts: UnitCounts }[];
}

/** One group of `supervision_board_counts`, summed. */
interface CountsRow {
  council_id: string;
  kind: 'lead' | 'co';
  /** Which sum this row is: per status (`status` set), per unit (`organization_id`) or per owner (`owner_id`). */
  by: 'status' | 'organization' | 'owner';
  organization_id: string | null;
  owner_id: string | null;
  status: string | null;
  items: number;
  open: number;
  closed: number;
  /** Items not cancelled (what co-handling counts). */
  live: number;
  closed_on_time: number;
  closed_on_time_original: number;
  /** How many delta rows the sum read. */
  deltas: number;
}

/** The open items of one (council, lead unit, owner) and those of them overdue or yellow at `now`. */
interface TimedRow {
  council_id: string;
  organization_id: string | null;
  owner_id: string | null;
  open: number;
  overdue: number;
  overdue_original: number;
  yellow: number;
}

/** How many delta rows beyond two per group a council's counts may hold before the board folds them. */
const COMPACT_SLACK = 500;
/** Folded, a council holds at most about this many rows per unit, owner or status row of the sums (its statuses). */
const FOLDED_PER_ROW = 8;

const zeroCounts = (): UnitCounts => ({
  open: 0,
  overdue: 0,
  overdueOriginal: 0,
  closed: 0,
  closedOnTime: 0,
  closedOnTimeOriginal: 0,
  coHandled: 0,
});

export interface OverdueRow {
  id: string;
  councilId: string;
  number: number;
  title: string;
  status: string;
  dueAt: Date;
  escalationLevel: number;
  ownerId: string | null;
  ownerName: string | null;
  leadOrganizationId: string | null;
  leadOrganizationName: string | null;
}

@Injectable()
export class SupervisionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Every count of the board, in two statements run side by side:
   * - what does not depend on "now" (items per status, closed, closed on time, co-handled) is summed
   *   from `supervision_board_counts`, which triggers on `resolutions` keep in the writers' own
   *   transactions: a few hundred rows per council, however many items it has;
   * - what does (overdue against both deadlines, red and yellow) is counted over the council's open
   *   items only, an index-only scan of the partial index `resolutions_board_open_idx` (council_id
   *   WHERE open, INCLUDE every column the light rule reads), grouped by unit and owner.
   * Green is the open items neither red nor yellow.
   */
  async boardAggregates(councilIds: string[], thresholds: ThresholdRow[], now: Date): Promise<BoardAggregates> {
    const [counts, timed] = await Promise.all([this.boardCounts(councilIds), this.boardTimed(councilIds, thresholds, now)]);
    const statusCounts = new Map<string, number>();
    const lightCounts = new Map<string, number>();
    const councils = new Map<string, UnitCounts>();
    const orgs = new Map<string, UnitCounts>();
    const owners = new Map<string, UnitCounts>();
    const counter = (map: Map<string, UnitCounts>, key: string) => {
      let c = map.get(key);
      if (!c) map.set(key, (c = zeroCounts()));
      return c;
    };
    const bump = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
    const addLed = (c: UnitCounts, row: CountsRow) => {
      c.open += row.open;
      c.closed += row.closed;
      c.closedOnTime += row.closed_on_time;
      c.closedOnTimeOriginal += row.closed_on_time_original;
    };
    for (const row of counts) {
      const council = row.council_id;
      if (row.by === 'status') {
        if (row.kind === 'co') {
          if (row.live > 0) counter(councils, council).coHandled += row.live;
        } else if (row.items > 0) {
          bump(statusCounts, `${council}|${row.status}`, row.items);
          addLed(counter(councils, council), row);
        }
      } else if (row.by === 'organization' && row.organization_id) {
        // A unit is listed when it leads any item (cancelled too) or co-handles a live one.
        if (row.kind === 'co') {
          if (row.live > 0) counter(orgs, `${council}|${row.organization_id}`).coHandled += row.live;
        } else if (row.items > 0) addLed(counter(orgs, `${council}|${row.organization_id}`), row);
      } else if (row.by === 'owner' && row.owner_id && row.kind === 'lead' && row.items > 0) {
        addLed(counter(owners, `${council}|${row.owner_id}`), row);
      }
    }
    for (const row of timed) {
      const targets = [counter(councils, row.council_id)];
      if (row.organization_id) targets.push(counter(orgs, `${row.council_id}|${row.organization_id}`));
      if (row.owner_id) targets.push(counter(owners, `${row.council_id}|${row.owner_id}`));
      for (const c of targets) {
        c.overdue += row.overdue;
        c.overdueOriginal += row.overdue_original;
      }
      bump(lightCounts, `${row.council_id}|red`, row.overdue);
      bump(lightCounts, `${row.council_id}|yellow`, row.yellow);
      bump(lightCounts, `${row.council_id}|green`, row.open - row.overdue - row.yellow);
    }
    const split = (key: string) => key.split('|') as [string, string];
    return {
      byStatus: [...statusCounts].map(([k, count]) => ({ councilId: split(k)[0], status: split(k)[1], count })),
      byLight: [...lightCounts]
        .filter(([, count]) => count > 0)
        .map(([k, count]) => ({ councilId: split(k)[0], light: split(k)[1] as 'red', count })),
      byCouncil: councils,
      byOrganization: [...orgs].map(([k, counts]) => ({ councilId: split(k)[0], organizationId: split(k)[1], counts })),
      byOwner: [...owners].map(([k, counts]) => ({ councilId: split(k)[0], personId: split(k)[1], counts })),
    };
  }

  /**
   * The councils' maintained counts summed three ways in PostgreSQL (per status, per unit, per
   * owner, each for lead and co rows), so the service reads a row per unit, owner and status, not
   * one per group. When a council's slice holds many more delta rows than that, it is folded back
   * into one row per group.
   */
  private async boardCounts(councilIds: string[]): Promise<CountsRow[]> {
    const rows = await this.db.query<CountsRow[]>(
      `SELECT council_id, kind, organization_id, owner_id, status,
              CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(organization_id) = 0 THEN 'organization' ELSE 'owner' END AS by,
              sum(items)::int AS items,
              COALESCE(sum(items) FILTER (WHERE status IN (${OPEN_LIST})), 0)::int AS open,
              COALESCE(sum(items) FILTER (WHERE status = 'closed'), 0)::int AS closed,
              COALESCE(sum(items) FILTER (WHERE status <> 'cancelled'), 0)::int AS live,
              sum(closed_on_time)::int AS closed_on_time, sum(closed_on_time_original)::int AS closed_on_time_original,
              count(*)::int AS deltas
         FROM supervision_board_counts WHERE council_id = ANY($1::uuid[])
        GROUP BY GROUPING SETS ((council_id, kind, status), (council_id, kind, organization_id), (council_id, kind, owner_id))`,
      [councilIds],
    );
    // Every delta row is in exactly one per-status group; a group of (unit, owner, status) per unit
    // or owner row and status is the most there can be once folded.
    const deltas = rows.reduce((n, r) => n + (r.by === 'status' ? r.deltas : 0), 0);
    if (deltas > COMPACT_SLACK + FOLDED_PER_ROW * rows.length) await this.compactCounts(councilIds);
    return rows;
  }

  /**
   * Replaces the councils' delta rows by their sums, one row per group (none for a group that sums
   * to nothing). Deleting and re-inserting in one statement keeps every total the same at every
   * instant, and writers are never blocked (they only append).
   */
  async compactCounts(councilIds: string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      // One fold at a time: two folds deleting the same rows in different orders could deadlock.
      // A fold already running does the work, so this one simply does not start.
      const [{ got }] = await m.query<{ got: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('duban.board_counts', 0)) AS got`,
      );
      if (!got) return;
      await m.query(
        `WITH gone AS (DELETE FROM supervision_board_counts WHERE council_id = ANY($1::uuid[])
                       RETURNING council_id, kind, organization_id, owner_id, status, items, closed_on_time, closed_on_time_original)
         INSERT INTO supervision_board_counts (council_id, kind, organization_id, owner_id, status, items, closed_on_time, closed_on_time_original)
         SELECT council_id, kind, organization_id, owner_id, status, sum(items)::int, sum(closed_on_time)::int, sum(closed_on_time_original)::int
           FROM gone GROUP BY 1, 2, 3, 4, 5
         HAVING sum(items) <> 0 OR sum(closed_on_time) <> 0 OR sum(closed_on_time_original) <> 0`,
        [councilIds],
      );
    });
  }

  /** The open items' figures that depend on `now`, per (council, lead unit, owner). */
  private async boardTimed(councilIds: string[], thresholds: ThresholdRow[], now: Date): Promise<TimedRow[]> {
    const params: unknown[] = [councilIds, now];
    const param = (value: unknown, type: string) => (params.push(value), `$${params.length}::${type}`);
    // Each threshold as a CASE on the item's council and priority, evaluated per row of the scan
    // (a join of the rows to a VALUES list cost the scan as much again). No threshold: NULL, so
    // only an overdue report can make the item yellow.
    const threshold = (pick: (t: ThresholdRow) => Date | null) => {
      const councils = [...new Set(thresholds.map((t) => t.councilId))];
      const perPriority = (councilId: string) =>
        `CASE r.priority ${thresholds
          .filter((t) => t.councilId === councilId)
          .map((t) => `WHEN ${param(t.priority, 'text')} THEN ${param(pick(t), 'timestamptz')}`)
          .join(' ')} END`;
      if (councils.length === 0) return 'NULL::timestamptz';
      if (councils.length === 1 && councilIds.length === 1) return perPriority(councils[0]);
      return `CASE r.council_id ${councils.map((c) => `WHEN ${param(c, 'uuid')} THEN ${perPriority(c)}`).join(' ')} END`;
    };
    const warn = threshold((t) => t.warnDueBefore);
    const acceptLate = threshold((t) => t.acceptanceLateBefore);
    const stagnant = threshold((t) => t.stagnantBefore);
    // computeLight: red when overdue; else yellow when warned, acceptance late, a report overdue or stagnant.
    const yellow = `(r.due_at IS NULL OR r.due_at >= $2) AND (r.due_at <= ${warn} OR r.report_overdue_since IS NOT NULL
        OR (r.status = 'assigned' AND r.assigned_at <= ${acceptLate})
        OR (r.status = 'in_progress' AND COALESCE(r.last_progress_at, r.accepted_at) <= ${stagnant}))`;
    return this.db.query<TimedRow[]>(
      `SELECT r.council_id, r.lead_organization_id AS organization_id, r.owner_id, count(*)::int AS open,
              count(*) FILTER (WHERE r.due_at < $2)::int AS overdue,
              count(*) FILTER (WHERE r.original_due_at < $2)::int AS overdue_original,
              count(*) FILTER (WHERE ${yellow})::int AS yellow
         FROM resolutions r
        WHERE r.council_id = ANY($1::uuid[]) AND r.status IN (${OPEN_LIST})
        GROUP BY 1, 2, 3`,
      params,
    );
  }

  /**
   * The first `limit` overdue items, most days overdue first (earliest deadline first), through
   * `resolutions_open_due_idx`: only those rows are read (the board takes the total from its counts).
   * One council is named with `=`, not `= ANY`: only then does the planner walk the index in deadline
   * order and stop after `limit` rows (with `ANY` it fetched every overdue row and sorted them).
   */
  async overdue(councilIds: string[], now: Date, limit: number): Promise<OverdueRow[]> {
    return this.db.query<OverdueRow[]>(
      `SELECT r.id, r.council_id AS "councilId", r.number, r.title, r.status, r.due_at AS "dueAt", r.escalation_level AS "escalationLevel",
              r.owner_id AS "ownerId", p.name AS "ownerName", r.lead_organization_id AS "leadOrganizationId", o.name AS "leadOrganizationName"
         FROM resolutions r
         LEFT JOIN people p ON p.id = r.owner_id
         LEFT JOIN organizations o ON o.id = r.lead_organization_id
        WHERE ${councilIds.length === 1 ? 'r.council_id = $1' : 'r.council_id = ANY($1::uuid[])'} AND r.status IN (${OPEN_LIST}) AND r.due_at < $2
        ORDER BY r.due_at ASC, r.id ASC
        LIMIT $3`,
      [councilIds.length === 1 ? councilIds[0] : councilIds, now, limit],
    );
  }

  /**
   * What each organization's items did in [start, at] (`at` = the period's end, or now if sooner): see
   * assessment.ts for the meaning of each count. Led items are grouped by lead organization,
   * co-handled ones by each co-handling organization; cancelled items count nowhere.
   */
  async assessmentCounts(councilId: string, start: Date, at: Date): Promise<Map<string, AssessmentCounts>> {
    const perItem = `
      SELECT r.id, r.lead_organization_id, r.co_organization_ids,
             (r.status = 'closed' AND r.closed_at >= $2 AND r.closed_at <= $3) AS closed_in,
             (r.completion_requested_at <= r.due_at) AS on_time,
             -- No created_at test: a deadline is always in the future when it is set, so a deadline before
             -- the end means the item existed (and was assigned) before the end.
             (r.due_at < $3 AND (r.status IN (${OPEN_LIST}) OR (r.status = 'closed' AND r.closed_at > $3))) AS overdue_at_end,
             r.due_at, r.completion_requested_at
        FROM resolutions r
       WHERE r.council_id = $1 AND r.status <> 'cancelled'`;
    const late = `(i.overdue_at_end OR (i.closed_in AND NOT COALESCE(i.on_time, false)))`;
    const [led, co, reports, missed, checks] = await Promise.all([
      this.db.query<{ org: string; closed: number; closed_on_time: number; open_overdue: number; late_items: number; late_days: number }[]>(
        `SELECT i.lead_organization_id AS org,
                count(*) FILTER (WHERE i.closed_in)::int AS closed,
                count(*) FILTER (WHERE i.closed_in AND i.on_time)::int AS closed_on_time,
                count(*) FILTER (WHERE i.overdue_at_end)::int AS open_overdue,
                count(*) FILTER (WHERE ${late})::int AS late_items,
                COALESCE(sum(CASE WHEN i.overdue_at_end THEN ceil(extract(epoch FROM ($3 - i.due_at)) / 86400)
                                  WHEN ${late} THEN ceil(extract(epoch FROM (i.completion_requested_at - i.due_at)) / 86400) END), 0)::float8 AS late_days
           FROM (${perItem}) i WHERE i.lead_organization_id IS NOT NULL GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<{ org: string; late: number }[]>(
        `SELECT co.org, count(*) FILTER (WHERE ${late})::int AS late
           FROM (${perItem}) i CROSS JOIN LATERAL unnest(i.co_organization_ids) AS co(org) GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<{ org: string; n: number }[]>(
        `SELECT r.lead_organization_id AS org, count(*)::int AS n FROM progress_reports pr JOIN resolutions r ON r.id = pr.resolution_id
          WHERE r.council_id = $1 AND r.status <> 'cancelled' AND pr.reported_at >= $2 AND pr.reported_at <= $3 GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<{ org: string; n: number }[]>(
        `SELECT r.lead_organization_id AS org, count(*)::int AS n FROM events e JOIN resolutions r ON r.id = e.resolution_id
          WHERE e.council_id = $1 AND e.action = 'resolution.report_missed' AND r.status <> 'cancelled' AND e.at >= $2 AND e.at <= $3 GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<{ org: string; rating: string; n: number }[]>(
        `SELECT r.lead_organization_id AS org, c.rating, count(*)::int AS n FROM supervision_checks c JOIN resolutions r ON r.id = c.resolution_id
          WHERE c.council_id = $1 AND r.status <> 'cancelled' AND c.checked_at >= $2 AND c.checked_at <= $3 GROUP BY 1, 2`,
        [councilId, start, at],
      ),
    ]);
    const out = new Map<string, AssessmentCounts>();
    const of = (org: string | null) => {
      if (!org) return null;
      if (!out.has(org))
        out.set(org, {
          closed: 0,
          closedOnTime: 0,
          openOverdue: 0,
          lateDays: 0,
          lateItems: 0,
          lateCoItems: 0,
          reportsSubmitted: 0,
          reportsMissed: 0,
          checks: { satisfactory: 0, needs_improvement: 0, unsatisfactory: 0 },
        });
      return out.get(org)!;
    };
    for (const r of led)
      Object.assign(of(r.org)!, {
        closed: r.closed,
        closedOnTime: r.closed_on_time,
        openOverdue: r.open_overdue,
        lateItems: r.late_items,
        lateDays: r.late_days,
      });
    for (const r of co) of(r.org)!.lateCoItems = r.late;
    for (const r of reports) if (of(r.org)) of(r.org)!.reportsSubmitted = r.n;
    for (const r of missed) if (of(r.org)) of(r.org)!.reportsMissed = r.n;
    for (const r of checks) if (of(r.org)) of(r.org)!.checks[r.rating as 'satisfactory'] = r.n;
    return out;
  }

  /**
   * The figures of a bulletin for [start, at] (`at` = the period's end, or now if sooner). Items are
   * judged by what they were at `at`: open then (open now, or signed off after it), overdue then
   * (open then and past the deadline); closed means signed off inside the period. Cancelled items
   * count nowhere. "New" are the decisions of meetings held in the period.
   */
  async bulletinFigures(councilId: string, start: Date, at: Date) {
    const perItem = `
      SELECT r.*, (r.status = 'closed' AND r.closed_at >= $2 AND r.closed_at <= $3) AS closed_in,
             ((r.status IN (${OPEN_LIST}) OR (r.status = 'closed' AND r.closed_at > $3))) AS open_at_end
        FROM resolutions r WHERE r.council_id = $1 AND r.status <> 'cancelled'`;
    const [summary, units, co, overdue, escalations, missed, checks] = await Promise.all([
      this.db.query<{ new: number; closed: number; closed_on_time: number; overdue: number }[]>(
        `SELECT count(*) FILTER (WHERE m.held_at >= $2 AND m.held_at <= $3)::int AS new,
                count(*) FILTER (WHERE i.closed_in)::int AS closed,
                count(*) FILTER (WHERE i.closed_in AND i.completion_requested_at <= i.due_at)::int AS closed_on_time,
                count(*) FILTER (WHERE i.open_at_end AND i.due_at < $3)::int AS overdue
           FROM (${perItem}) i JOIN meetings m ON m.id = i.meeting_id`,
        [councilId, start, at],
      ),
      this.db.query<(CountRow & { org: string })[]>(
        `SELECT i.lead_organization_id AS org,
                count(*) FILTER (WHERE i.open_at_end)::int AS open,
                count(*) FILTER (WHERE i.open_at_end AND i.due_at < $3)::int AS overdue,
                count(*) FILTER (WHERE i.open_at_end AND i.original_due_at < $3)::int AS overdue_original,
                count(*) FILTER (WHERE i.closed_in)::int AS closed,
                count(*) FILTER (WHERE i.closed_in AND i.completion_requested_at <= i.due_at)::int AS closed_on_time,
                count(*) FILTER (WHERE i.closed_in AND i.completion_requested_at <= i.original_due_at)::int AS closed_on_time_original
           FROM (${perItem}) i WHERE i.lead_organization_id IS NOT NULL GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<{ org: string; n: number }[]>(
        `SELECT co.org, count(*)::int AS n FROM (${perItem}) i CROSS JOIN LATERAL unnest(i.co_organization_ids) AS co(org)
          WHERE i.open_at_end OR i.closed_in GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<(Omit<OverdueRow, 'councilId' | 'status'> & { dueAt: Date })[]>(
        `SELECT i.id, i.number, i.title, i.due_at AS "dueAt", i.escalation_level AS "escalationLevel",
                i.owner_id AS "ownerId", p.name AS "ownerName", i.lead_organization_id AS "leadOrganizationId", o.name AS "leadOrganizationName"
           FROM (${perItem}) i LEFT JOIN people p ON p.id = i.owner_id LEFT JOIN organizations o ON o.id = i.lead_organization_id
          WHERE i.open_at_end AND i.due_at < $3 ORDER BY i.due_at ASC, i.id ASC`,
        [councilId, start, at],
      ),
      this.db.query<{ level: number; n: number }[]>(
        `SELECT (e.after ->> 'escalationLevel')::int AS level, count(*)::int AS n FROM events e
          WHERE e.council_id = $1 AND e.action = 'resolution.escalated' AND e.at >= $2 AND e.at <= $3 GROUP BY 1`,
        [councilId, start, at],
      ),
      this.db.query<
        { resolution_id: string; number: number; title: string; owner_name: string | null; org_name: string | null; at: Date }[]
      >(
        `SELECT e.resolution_id, r.number, r.title, p.name AS owner_name, o.name AS org_name, e.at
           FROM events e JOIN resolutions r ON r.id = e.resolution_id
           LEFT JOIN people p ON p.id = r.owner_id LEFT JOIN organizations o ON o.id = r.lead_organization_id
          WHERE e.council_id = $1 AND e.action = 'resolution.report_missed' AND r.status <> 'cancelled' AND e.at >= $2 AND e.at <= $3
          ORDER BY e.at, e.seq`,
        [councilId, start, at],
      ),
      this.db.query<
        {
          id: string;
          resolution_id: string;
          number: number;
          title: string;
          checked_at: Date;
          method: string;
          rating: string;
          findings: string;
          inspectors: string[];
        }[]
      >(
        `SELECT c.id, c.resolution_id, r.number, r.title, c.checked_at, c.method, c.rating, c.findings,
                ARRAY(SELECT p.name FROM unnest(c.inspector_ids) WITH ORDINALITY AS x(pid, n) JOIN people p ON p.id = x.pid ORDER BY x.n) AS inspectors
           FROM supervision_checks c JOIN resolutions r ON r.id = c.resolution_id
          WHERE c.council_id = $1 AND c.checked_at >= $2 AND c.checked_at <= $3 ORDER BY c.checked_at, c.id`,
        [councilId, start, at],
      ),
    ]);
    const coOf = new Map(co.map((c) => [c.org, c.n]));
    const unitCounts = new Map<string, UnitCounts>(units.map((u) => [u.org, toCounts(u, coOf.get(u.org) ?? 0)]));
    for (const c of co) if (!unitCounts.has(c.org)) unitCounts.set(c.org, { ...ZERO_COUNTS, coHandled: c.n });
    const level = (l: number) => escalations.find((e) => e.level === l)?.n ?? 0;
    return {
      summary: {
        new: summary[0].new,
        closed: summary[0].closed,
        closedOnTime: summary[0].closed_on_time,
        overdue: summary[0].overdue,
        escalations: { 1: level(1), 2: level(2), 3: level(3) },
      },
      unitCounts,
      overdue,
      missed,
      checks,
    };
  }

  /**
   * The decisions of the council's meetings held before `heldAt` that were open at `asOf` (open now,
   * or signed off after it), as far as the viewer may see them (the rule of resolution-access.ts).
   */
  async followUpItems(
    councilId: string,
    heldAt: Date,
    asOf: Date,
    viewer: { viewerIsAdmin: boolean; viewerCouncils: string[]; viewerId: string; viewerOrgs: string[] },
  ): Promise<{ id: string; meetingTitle: string }[]> {
    return this.db.query(
      `SELECT r.id, m.title AS "meetingTitle"
         FROM resolutions r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.council_id = $1 AND m.held_at < $2
          AND (r.status IN (${OPEN_LIST}) OR (r.status = 'closed' AND r.closed_at > $3))
          AND ($4 OR r.council_id = ANY($5::uuid[]) OR r.owner_id = $6 OR r.lead_organization_id = ANY($7::uuid[]) OR r.co_organization_ids && $7::uuid[])
        ORDER BY m.held_at ASC, r.number ASC`,
      [councilId, heldAt, asOf, viewer.viewerIsAdmin, viewer.viewerCouncils, viewer.viewerId, viewer.viewerOrgs],
    );
  }

  /** The latest progress report of each resolution at or before `at`. */
  async lastProgress(resolutionIds: string[], at: Date) {
    if (resolutionIds.length === 0) return new Map<string, { note: string; percent: number; reportedAt: Date; authorId: string }>();
    const rows = await this.db.query<{ resolution_id: string; note: string; percent: number; reported_at: Date; author_id: string }[]>(
      `SELECT DISTINCT ON (resolution_id) resolution_id, note, percent, reported_at, author_id FROM progress_reports
        WHERE resolution_id = ANY($1::uuid[]) AND reported_at <= $2 ORDER BY resolution_id, reported_at DESC`,
      [resolutionIds, at],
    );
    return new Map(
      rows.map((r) => [r.resolution_id, { note: r.note, percent: r.percent, reportedAt: r.reported_at, authorId: r.author_id }]),
    );
  }

  async names(table: 'people' | 'organizations' | 'councils', ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string }[]>(`SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Councils where the person is chair or supervisor (or every council, for an admin). */
  async supervisedCouncils(personId: string, isAdmin: boolean): Promise<{ id: string; name: string; policy: unknown }[]> {
    return this.db.query(
      isAdmin
        ? `SELECT id, name, policy FROM councils ORDER BY name, id`
        : `SELECT c.id, c.name, c.policy FROM councils c
            WHERE EXISTS (SELECT 1 FROM council_roles cr WHERE cr.council_id = c.id AND cr.person_id = $1 AND cr.role IN ('chair', 'supervisor'))
            ORDER BY c.name, c.id`,
      isAdmin ? [] : [personId],
    );
  }
}
