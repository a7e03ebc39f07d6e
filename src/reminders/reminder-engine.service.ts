import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendars/calendar.service';
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
export class ReminderEngine {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sync: ScheduleSyncService,
    private readonly notifications: NotificationsService,
    private readonly queue: ReminderQueue,
    private readonly calendars: CalendarService,
  ) {}

  async resolutionChanged(m: EntityManager, change: ResolutionChange): Promise<Date[]> {
    const soon = await this.sync.sync(m, [{ resolution: change.after, ctx: change.context }]);
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

  wake(instants: Date[]): Promise<void> {
    return this.queue.wake(instants);
  }

  /** Recomputes the pending actions of every open item of the council, in the policy change's transaction. */
  async policyChanged(m: EntityManager, councilId: string): Promise<void> {
    const ctx = await contextInTransaction(m, this.calendars, councilId);
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

  /** Used by the timeline: pending and carried-out actions of one resolution. */
  async actionsOf(resolutionId: string) {
    return this.db.query<
      { id: string; kind: string; fire_at: Date; level: number | null; recipients: string[]; status: string; handled_at: Date | null }[]
    >(
      `SELECT id, kind, key, fire_at, nominal_at, level, recipients, status, handled_at
         FROM scheduled_actions WHERE resolution_id = $1 AND status IN ('pending', 'done') ORDER BY fire_at`,
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
