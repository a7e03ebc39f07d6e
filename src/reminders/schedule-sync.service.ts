import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { CouncilContext } from '../councils/councils.service';
import type { Resolution } from '../resolutions/resolution.entity';
import { planActions, type PlannedAction } from './schedule';
import { ScheduledAction } from './scheduled-action.entity';

export interface ExistingActions {
  pending: ScheduledAction[];
  done: Set<string>;
}

/**
 * Brings a resolution's pending rows in line with its plan: rows whose key and instant still stand
 * are kept, the others cancelled, the missing ones inserted. Running it twice changes nothing.
 */
@Injectable()
export class ScheduleSyncService {
  /** Loads the pending rows and the done keys of many resolutions in one query. */
  async existing(m: EntityManager, resolutionIds: string[]): Promise<Map<string, ExistingActions>> {
    const result = new Map<string, ExistingActions>(resolutionIds.map((id) => [id, { pending: [], done: new Set<string>() }]));
    if (resolutionIds.length === 0) return result;
    const rows = await m.find(ScheduledAction, {
      where: { resolutionId: In(resolutionIds), status: In(['pending', 'done', 'skipped', 'collapsed']) },
    });
    for (const row of rows) {
      const entry = result.get(row.resolutionId)!;
      if (row.status === 'pending') entry.pending.push(row);
      else entry.done.add(row.key);
    }
    return result;
  }

  plan(r: Resolution, ctx: CouncilContext, done: ReadonlySet<string>): PlannedAction[] {
    return planActions({ subject: r, policy: ctx.policyFor(r.priority), calendar: ctx.calendar, zone: ctx.council.timezone, done });
  }

  /**
   * Syncs many resolutions (one council context each) and answers the fire instants of the rows it
   * inserted, so the caller can wake the queue for those falling due soon.
   */
  async sync(
    m: EntityManager,
    items: { resolution: Resolution; ctx: CouncilContext }[],
    existing?: Map<string, ExistingActions>,
  ): Promise<Date[]> {
    const known =
      existing ??
      (await this.existing(
        m,
        items.map((i) => i.resolution.id),
      ));
    const cancel: string[] = [];
    const insert: InsertedAction[] = [];
    for (const { resolution: r, ctx } of items) {
      const { pending, done } = known.get(r.id) ?? { pending: [], done: new Set<string>() };
      const wanted = new Map(this.plan(r, ctx, done).map((p) => [p.key, p]));
      for (const row of pending) {
        const keep = wanted.get(row.key);
        if (keep && keep.fireAt.getTime() === row.fireAt.getTime() && sameRecipients(keep, row)) wanted.delete(row.key);
        else cancel.push(row.id);
      }
      for (const p of wanted.values()) insert.push({ ...p, councilId: r.councilId, resolutionId: r.id });
    }
    if (cancel.length || insert.length) await m.query(CANCEL_AND_INSERT, [cancel, ...insertColumns(insert)]);
    return insert.map((row) => row.fireAt);
  }
}

type InsertedAction = PlannedAction & { councilId: string; resolutionId: string };

/**
 * One statement: cancel the rows that no longer stand, insert the missing ones. The sub-select on
 * `cancelled` makes PostgreSQL finish cancelling before it inserts (an unreferenced data-modifying
 * CTE would run after the INSERT, whose ON CONFLICT would then drop a row replacing a cancelled one
 * of the same key). Roles are identifiers, so they travel as comma-joined text (unnest flattens
 * nested arrays).
 */
const CANCEL_AND_INSERT = `
  WITH cancelled AS (UPDATE scheduled_actions SET status = 'cancelled' WHERE id = ANY($1::uuid[]) AND status = 'pending' RETURNING 1)
  INSERT INTO scheduled_actions (council_id, resolution_id, kind, key, fire_at, nominal_at, level, recipients, status)
  SELECT a.council_id, a.resolution_id, a.kind, a.key, a.fire_at, a.nominal_at, a.level, string_to_array(a.recipients, ','), 'pending'
    FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::smallint[], $9::text[])
      AS a(council_id, resolution_id, kind, key, fire_at, nominal_at, level, recipients)
   WHERE (SELECT count(*) FROM cancelled) >= 0
  ON CONFLICT DO NOTHING`;

function insertColumns(rows: InsertedAction[]): unknown[][] {
  return [
    rows.map((r) => r.councilId),
    rows.map((r) => r.resolutionId),
    rows.map((r) => r.kind),
    rows.map((r) => r.key),
    rows.map((r) => r.fireAt),
    rows.map((r) => r.nominalAt),
    rows.map((r) => r.level),
    rows.map((r) => r.recipients.join(',')),
  ];
}

function sameRecipients(p: PlannedAction, row: ScheduledAction): boolean {
  return p.level === row.level && p.recipients.length === row.recipients.length && p.recipients.every((x, i) => x === row.recipients[i]);
}
