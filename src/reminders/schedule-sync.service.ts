import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CouncilContext } from '../councils/councils.service';
import type { Resolution } from '../resolutions/resolution.entity';
import { planActions, type PlannedAction } from './schedule';
import type { ScheduledAction } from './scheduled-action.entity';
import { ScheduledActionRepository, type InsertedAction } from './scheduled-action.repository';

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
  constructor(private readonly actions: ScheduledActionRepository) {}

  /** Loads the pending rows and the done keys of many resolutions in one query. */
  async existing(m: EntityManager, resolutionIds: string[]): Promise<Map<string, ExistingActions>> {
    const result = new Map<string, ExistingActions>(resolutionIds.map((id) => [id, { pending: [], done: new Set<string>() }]));
    if (resolutionIds.length === 0) return result;
    const rows = await this.actions.ofResolutions(m, resolutionIds);
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
    if (cancel.length || insert.length) await this.actions.cancelAndInsert(m, cancel, insert);
    return insert.map((row) => row.fireAt);
  }
}

function sameRecipients(p: PlannedAction, row: ScheduledAction): boolean {
  return p.level === row.level && p.recipients.length === row.recipients.length && p.recipients.every((x, i) => x === row.recipients[i]);
}
