import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CalendarService, CalendarChangeHook } from '../calendars/calendar.service';
import type { Council } from '../councils/council.entity';
import type { CouncilContext } from '../councils/councils.service';
import { noticeText } from '../notifications/notification-text';
import { NotificationsService } from '../notifications/notifications.service';
import { resolveRecipients } from '../notifications/recipients';
import type { ResolutionChange } from '../resolutions/resolution-hooks';
import { Resolution } from '../resolutions/resolution.entity';
import { OPEN_STATUSES } from '../resolutions/resolution-workflow';
import { contextInTransaction } from './engine-context';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduleSyncService } from './schedule-sync.service';
import { noticesFor } from './workflow-notices';

/**
 * The engine's side of every workflow change, inside the change's transaction: recompute the
 * resolution's schedule and write the workflow's own notices. Also recomputes a whole council when
 * its policy changes.
 */
@Injectable()
export class ReminderEngine implements CalendarChangeHook {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sync: ScheduleSyncService,
    private readonly notifications: NotificationsService,
    private readonly queue: ReminderQueue,
    private readonly calendars: CalendarService,
  ) {}

  async resolutionChanged(m: EntityManager, change: ResolutionChange): Promise<Date[]> {
    const soon = await this.sync.sync(m, [{ resolution: change.after, ctx: await this.current(m, change.context) }]);
    const notices = noticesFor(change);
    if (notices.length) {
      const r = change.after;
      const people = await resolveRecipients(
        m,
        notices.map((n) => ({ subject: r, roles: n.roles })),
      );
      const approved = change.before !== null && change.after.extensionCount > change.before.extensionCount;
      await this.notifications.createMany(
        m,
        notices.flatMap((n, i) => {
          const text = noticeText(
            n.kind,
            { number: r.number, title: r.title, dueAt: r.dueAt, zone: change.context.council.timezone },
            { note: change.note, approved },
          );
          return people[i].map((personId) => ({
            personId,
            sourceKey: `event:${r.id}:${r.version}:${n.kind}`,
            kind: n.kind,
            councilId: r.councilId,
            resolutionId: r.id,
            level: null,
            ...text,
          }));
        }),
      );
    }
    return soon;
  }

  /**
   * The context a transition brought (cached, read before its transaction) unless the council's
   * policy, zone or calendar changed since: a policy change that held this item until it committed
   * has replanned it already, and planning it again with the old policy would undo that.
   */
  private async current(m: EntityManager, ctx: CouncilContext): Promise<CouncilContext> {
    // One query for both: the council's settings and the calendar's version (a day overridden
    // through another process since this one loaded its copy).
    const [row] = await m.query<{ policy: unknown; timezone: string; calendar: string; calendar_version: string }[]>(
      `SELECT policy, timezone, calendar, ${CalendarService.VERSION_SQL} AS calendar_version FROM councils WHERE id = $1`,
      [ctx.council.id],
    );
    if (!row) return ctx;
    await this.calendars.ensureVersion(row.calendar_version, m);
    const same =
      row.timezone === ctx.council.timezone &&
      row.calendar === ctx.council.calendar &&
      isDeepStrictEqual(row.policy, ctx.council.policy) &&
      (ctx.calendar.kind !== 'cn' || ctx.calendar === this.calendars.loaded('cn'));
    return same ? ctx : contextInTransaction(m, this.calendars, ctx.council.id);
  }

  wake(instants: Date[]): Promise<void> {
    return this.queue.wake(instants);
  }

  /** Recomputes the pending actions of every open item of the council, in the policy change's transaction. */
  async policyChanged(m: EntityManager, councilId: string, changes: Partial<Council> = {}): Promise<void> {
    const ctx = await contextInTransaction(m, this.calendars, councilId, changes);
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await m
        .createQueryBuilder(Resolution, 'r')
        .where('r.councilId = :councilId AND r.status IN (:...open) AND r.id > :afterId', { councilId, open: [...OPEN_STATUSES], afterId })
        .orderBy('r.id')
        .limit(1000)
        // Locked like a transition locks its item, before its actions are read: a worker carrying one
        // out holds the item (or skips it), so the done keys read next are current and nothing fires twice.
        .setLock('pessimistic_write')
        .getMany();
      if (batch.length === 0) return;
      await this.sync.sync(
        m,
        batch.map((resolution) => ({ resolution, ctx })),
      );
      afterId = batch[batch.length - 1].id;
    }
  }

  /**
   * After a day of calendar `kind` was overridden: replans the open items of the councils using
   * that calendar whose plan may depend on the day — those with a pending action, or a deadline, on
   * or after it (an action before the day can depend on it only through a deadline after it, as
   * "3 working days before"). Batches of 200 items, each its own transaction with the items locked
   * as a transition locks its item; running it twice changes nothing the second time.
   */
  async calendarChanged(kind: string, date: string): Promise<number> {
    // The day starts at different instants in different zones; a day earlier in UTC covers them all.
    const from = new Date(Date.parse(`${date}T00:00:00Z`) - 24 * 3_600_000);
    let afterId = '00000000-0000-0000-0000-000000000000';
    let replanned = 0;
    for (;;) {
      const ids: { id: string }[] = await this.db.query(
        `SELECT r.id FROM resolutions r JOIN councils c ON c.id = r.council_id
          WHERE r.status = ANY($1) AND coalesce(c.policy->>'calendar', c.calendar) = $2 AND r.id > $3
            AND (r.due_at >= $4 OR EXISTS (SELECT 1 FROM scheduled_actions a
                                            WHERE a.resolution_id = r.id AND a.status = 'pending' AND a.fire_at >= $4))
          ORDER BY r.id LIMIT 200`,
        [[...OPEN_STATUSES], kind, afterId, from],
      );
      if (ids.length === 0) return replanned;
      afterId = ids[ids.length - 1].id;
      const soon = await this.db.transaction(async (m) => {
        const items = await m.find(Resolution, {
          where: { id: In(ids.map((r) => r.id)), status: In([...OPEN_STATUSES]) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        });
        const contexts = new Map<string, CouncilContext>();
        for (const councilId of new Set(items.map((r) => r.councilId)))
          contexts.set(councilId, await contextInTransaction(m, this.calendars, councilId));
        replanned += items.length;
        return this.sync.sync(
          m,
          items.map((resolution) => ({ resolution, ctx: contexts.get(resolution.councilId)! })),
        );
      });
      if (soon.length) await this.queue.wake(soon);
    }
  }

  /** Used by the timeline: pending and carried-out (or collapsed) actions of one resolution. */
  async actionsOf(resolutionId: string) {
    return this.db.query<
      { id: string; kind: string; fire_at: Date; level: number | null; recipients: string[]; status: string; handled_at: Date | null }[]
    >(
      `SELECT id, kind, key, fire_at, nominal_at, level, recipients, status, handled_at
         FROM scheduled_actions WHERE resolution_id = $1 AND status IN ('pending', 'done', 'collapsed') ORDER BY fire_at`,
      [resolutionId],
    );
  }

  /** Recipient roles → people, for showing who an upcoming action will reach. */
  async peopleFor(resolution: Resolution, roles: string[][]): Promise<string[][]> {
    return resolveRecipients(
      this.db.manager,
      roles.map((r) => ({ subject: resolution, roles: r as never })),
    );
  }
}
