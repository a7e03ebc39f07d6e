import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { noticeText } from '../notifications/notification-text';
import { NotificationsService } from '../notifications/notifications.service';
import { RecipientsService } from '../notifications/recipients';
import { CouncilsService } from '../councils/councils.service';
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
export class ReminderEngine {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly sync: ScheduleSyncService,
    private readonly notifications: NotificationsService,
    private readonly queue: ReminderQueue,
    private readonly recipients: RecipientsService,
    private readonly councils: CouncilsService,
    private readonly resolutions: ResolutionsService,
    private readonly actions: ScheduledActionRepository,
  ) {}

  async resolutionChanged(m: EntityManager, change: ResolutionChange): Promise<Date[]> {
    const soon = await this.sync.sync(m, [{ resolution: change.after, ctx: change.context }]);
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

  wake(instants: Date[]): Promise<void> {
    return this.queue.wake(instants);
  }

  /** Recomputes the pending actions of every open item of the council, in the policy change's transaction. */
  async policyChanged(m: EntityManager, councilId: string): Promise<void> {
    const ctx = await this.councils.contextIn(m, councilId);
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

  /** Used by the timeline: pending and carried-out actions of one resolution. */
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
