import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { decodeCursor, encodeCursor, type Page } from '../common/pagination';
import { CouncilsService } from '../councils/councils.service';
import { parseDeadline, parseRangeStart } from './deadline';
import { VISIBLE_TO_VIEWER_SQL, viewerParams } from './resolution-access';
import { lightThresholds } from './resolution-light';
import { toResolutionView, type ResolutionView } from './resolution-view';
import { OPEN_STATUSES, PRIORITIES } from './resolution-workflow';
import type { ListResolutionsQuery, ResolutionSort } from './resolution.dto';
import { Resolution } from './resolution.entity';

const OPEN_SQL = `r.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** Open and past its deadline; never NULL (an item without a deadline is not overdue), so it can be negated. */
const OVERDUE_SQL = `(${OPEN_SQL} AND r.due_at IS NOT NULL AND r.due_at < :now)`;

/**
 * Each sort is one timestamptz expression, tie-broken by id. The cursor carries the expression's
 * value as computed by the database (see `sortKeyText`): a JS Date would drop the microseconds of
 * `created_at`, and the next page would then repeat the last row of this one.
 */
const SORT_KEYS: Record<ResolutionSort, { expr: string; dir: 'ASC' | 'DESC' }> = {
  dueAt: { expr: "COALESCE(r.due_at, 'infinity'::timestamptz)", dir: 'ASC' },
  '-dueAt': { expr: "COALESCE(r.due_at, '-infinity'::timestamptz)", dir: 'DESC' },
  createdAt: { expr: 'r.created_at', dir: 'ASC' },
  '-createdAt': { expr: 'r.created_at', dir: 'DESC' },
  // Open items by deadline: the most days overdue first, then the ones due soonest; closed and
  // cancelled items (never overdue) last, whatever their deadline was.
  '-daysOverdue': {
    expr: `CASE WHEN ${OPEN_SQL} THEN COALESCE(r.due_at, 'infinity'::timestamptz) ELSE 'infinity'::timestamptz END`,
    dir: 'ASC',
  },
};

/** A sort key as ISO-8601 text in UTC with microseconds, or `infinity` / `-infinity`. */
const sortKeyText = (expr: string) =>
  `CASE WHEN isfinite(${expr}) THEN to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') ELSE (${expr})::text END`;

/** `GET /resolutions`: every filter of the contract, keyset pagination, only what the caller may see. */
@Injectable()
export class ResolutionListService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
  ) {}

  async list(caller: Principal, q: ListResolutionsQuery): Promise<Page<ResolutionView>> {
    const now = this.clock.now();
    const limit = q.limit ?? 50;
    const sort = SORT_KEYS[q.sort ?? 'createdAt'];
    const qb = this.db
      .getRepository(Resolution)
      .createQueryBuilder('r')
      .where(VISIBLE_TO_VIEWER_SQL, viewerParams(caller))
      .setParameter('now', now);
    if (q.councilId) qb.andWhere('r.council_id = :councilId', { councilId: q.councilId });
    if (q.meetingId) qb.andWhere('r.meeting_id = :meetingId', { meetingId: q.meetingId });
    if (q.parentId) qb.andWhere('r.parent_id = :parentId', { parentId: q.parentId });
    if (q.ownerId) qb.andWhere('r.owner_id = :ownerId', { ownerId: q.ownerId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.organizationId)
      qb.andWhere('(r.lead_organization_id = :org OR r.co_organization_ids @> ARRAY[:org]::uuid[])', { org: q.organizationId });
    if (q.escalationLevel !== undefined) qb.andWhere('r.escalation_level = :level', { level: q.escalationLevel });
    if (q.overdue === 'true') qb.andWhere(OVERDUE_SQL);
    if (q.overdue === 'false') qb.andWhere(`NOT ${OVERDUE_SQL}`);
    if (q.dueBefore || q.dueAfter) {
      // A date bound covers its whole day, read in the council's zone (UTC+8 when no council is named);
      // instants are exact.
      const zone = (q.councilId && (await this.councils.context(q.councilId))?.council.timezone) || 'Asia/Shanghai';
      if (q.dueBefore) qb.andWhere('r.due_at <= :dueBefore', { dueBefore: parseDeadline(q.dueBefore, zone) });
      if (q.dueAfter) qb.andWhere('r.due_at >= :dueAfter', { dueAfter: parseRangeStart(q.dueAfter, zone) });
    }
    if (q.q)
      qb.andWhere("(r.title ILIKE :q ESCAPE '\\' OR r.description ILIKE :q ESCAPE '\\')", {
        q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    if (q.light) await this.filterByLight(qb, q.light, q.councilId, now);
    const after = decodeCursor(q.cursor, 2, ['instant', 'uuid']);
    if (after)
      qb.andWhere(`(${sort.expr}, r.id) ${sort.dir === 'ASC' ? '>' : '<'} (:cursorKey::timestamptz, :cursorId::uuid)`, {
        cursorKey: after[0],
        cursorId: after[1],
      });
    qb.addSelect(sortKeyText(sort.expr), 'sort_key')
      .orderBy(sort.expr, sort.dir)
      .addOrderBy('r.id', sort.dir)
      .limit(limit + 1);
    const { entities: rows, raw } = await qb.getRawAndEntities<{ r_id: string; sort_key: string }>();
    const sortKeyOf = new Map(raw.map((row) => [row.r_id, row.sort_key]));
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const contexts = new Map<string, Awaited<ReturnType<CouncilsService['context']>>>();
    for (const id of new Set(page.map((r) => r.councilId))) contexts.set(id, await this.councils.context(id));
    return {
      items: page.map((r) => toResolutionView(r, contexts.get(r.councilId)!, now)),
      nextCursor: more ? encodeCursor([sortKeyOf.get(page[page.length - 1].id), page[page.length - 1].id]) : null,
    };
  }

  /**
   * Lights depend on each council's policy and calendar; they are turned into per-(council,
   * priority) threshold instants joined in SQL, the same thresholds `computeLight` uses.
   */
  private async filterByLight(
    qb: SelectQueryBuilder<Resolution>,
    light: 'green' | 'yellow' | 'red',
    councilId: string | undefined,
    now: Date,
  ): Promise<void> {
    const red = OVERDUE_SQL;
    if (light === 'red') {
      qb.andWhere(red);
      return;
    }
    const ids = councilId ? [councilId] : await this.councils.allIds();
    const rows: string[] = [];
    const params: Record<string, unknown> = {};
    for (const id of ids) {
      const ctx = await this.councils.context(id);
      if (!ctx) continue;
      for (const priority of PRIORITIES) {
        const t = lightThresholds(ctx.policyFor(priority), ctx.calendar, ctx.council.timezone, now);
        const n = rows.length;
        rows.push(`(:lc${n}::uuid, :lp${n}, :lw${n}::timestamptz, :la${n}::timestamptz, :ls${n}::timestamptz)`);
        Object.assign(params, {
          [`lc${n}`]: id,
          [`lp${n}`]: priority,
          [`lw${n}`]: t.warnDueBefore,
          [`la${n}`]: t.acceptanceLateBefore,
          [`ls${n}`]: t.stagnantBefore,
        });
      }
    }
    if (rows.length === 0) {
      qb.andWhere('false');
      return;
    }
    const yellow = `(${OPEN_SQL} AND NOT ${red} AND EXISTS (SELECT 1 FROM (VALUES ${rows.join(', ')}) AS t(council_id, priority, warn, accept_late, stagnant)
      WHERE t.council_id = r.council_id AND t.priority = r.priority AND (
        r.due_at <= t.warn
        OR r.report_overdue_since IS NOT NULL
        OR (r.status = 'assigned' AND r.assigned_at <= t.accept_late)
        OR (r.status = 'in_progress' AND t.stagnant IS NOT NULL AND COALESCE(r.last_progress_at, r.accepted_at) <= t.stagnant))))`;
    qb.setParameters(params);
    qb.andWhere(light === 'yellow' ? yellow : `(${OPEN_SQL} AND NOT ${red} AND NOT ${yellow})`);
  }
}
