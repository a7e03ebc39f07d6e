import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { noticeText } from '../notifications/notification-text';
import { NotificationsService } from '../notifications/notifications.service';
import { RecipientsService } from '../notifications/recipients';
import { CalendarChangeHook, CalendarService } from '../calendars/calendar.service';
import type { Council } from '../councils/council.entity';
import { CouncilsService, type CouncilContext } from '../councils/councils.service';
import type { ResolutionChange } from '../resolutions/resolution-hooks';
import type { Resolution } from '../resolutions/resolution.entity';
import { ResolutionsService } from '../resolutions/resolutions.service';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduleSyncService } from './schedule-sync.service';
import { ScheduledActionRepository } from './scheduled-action.repository';
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
    private readonly recipients: RecipientsService,
    private readonly councils: CouncilsService,
    private readonly resolutions: ResolutionsService,
    private readonly actions: ScheduledActionRepository,
    private readonly calendars: CalendarService,
  ) {}

  async resolutionChanged(m: EntityManager, change: ResolutionChange): Promise<Date[]> {
    const soon = await this.sync.sync(m, [{ resolution: change.after, ctx: await this.current(m, change.context) }]);
    const notices = noticesFor(change);
    if (notices.length) {
      const r = change.after;
      const people = await this.recipients.resolve(
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
   * has replanned it already, and planning it again with the old policy would undo that. Also
   * re-reads the working calendar when a day was overridden through another process.
   */
  private async current(m: EntityManager, ctx: CouncilContext): Promise<CouncilContext> {
    const row = await this.councils.settingsIn(m, ctx.council.id);
    if (!row) return ctx;
    await this.calendars.ensureVersion(row.calendarVersion, m);
    const same =
      row.timezone === ctx.council.timezone &&
      row.calendar === ctx.council.calendar &&
      isDeepStrictEqual(row.policy, ctx.council.policy) &&
      (ctx.calendar.kind !== 'cn' || ctx.calendar === this.calendars.loaded('cn'));
    return same ? ctx : this.councils.contextIn(m, ctx.council.id);
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
      const ids = await this.resolutions.openOnCalendarSince(kind, from, afterId, 200);
      if (ids.length === 0) return replanned;
      afterId = ids[ids.length - 1];
      const soon = await this.db.transaction(async (m) => {
        const items = await this.resolutions.lockOpen(m, ids);
        const contexts = new Map<string, CouncilContext>();
        for (const councilId of new Set(items.map((r) => r.councilId)))
          contexts.set(councilId, await this.councils.contextIn(m, councilId));
        replanned += items.length;
        return this.sync.sync(
          m,
          items.map((resolution) => ({ resolution, ctx: contexts.get(resolution.councilId)! })),
        );
      });
      if (soon.length) await this.queue.wake(soon);
    }
  }

  wake(instants: Date[]): Promise<void> {
    return this.queue.wake(instants);
  }

  /** Recomputes the pending actions of every open item of the council, in the policy change's transaction. */
  async policyChanged(m: EntityManager, councilId: string, changes: Partial<Council> = {}): Promise<void> {
    const ctx = await this.councils.contextIn(m, councilId, changes);
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Locked like a transition locks its item, before its actions are read: a worker carrying one
      // out holds the item (or skips it), so the done keys read next are current and nothing fires twice.
      const batch = await this.resolutions.lockOpenBatch(m, councilId, afterId, 1000);
      if (batch.length === 0) return;
      await this.sync.sync(
        m,
        batch.map((resolution) => ({ resolution, ctx })),
      );
      afterId = batch[batch.length - 1].id;
    }
  }

  /** Used by the timeline: pending and carried-out (or collapsed) actions of one resolution. */
  async actionsOf(resolutionId: string) {
    return this.actions.timelineOf(resolutionId);
  }

  /** Recipient roles → people, for showing who an upcoming action will reach. */
  async peopleFor(resolution: Resolution, roles: string[][]): Promise<string[][]> {
    return this.recipients.resolve(
      this.db.manager,
      roles.map((r) => ({ subject: resolution, roles: r as never })),
    );
  }
}
