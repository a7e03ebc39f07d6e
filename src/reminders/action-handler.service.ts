import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type EventInput } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CouncilsService, type CouncilContext } from '../councils/councils.service';
import { noticeText } from '../notifications/notification-text';
import { NotificationsService, type NotificationInput } from '../notifications/notifications.service';
import { RecipientsService } from '../notifications/recipients';
import type { Resolution } from '../resolutions/resolution.entity';
import { ResolutionsService } from '../resolutions/resolutions.service';
import { effectOf } from './action-effects';
import { previousReportCycle } from './report-cycle';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduleSyncService } from './schedule-sync.service';
import type { ScheduledAction } from './scheduled-action.entity';
import { ScheduledActionRepository } from './scheduled-action.repository';

const BATCH = 500;

/**
 * Carries out due actions in batches: claim rows (FOR UPDATE SKIP LOCKED, so several workers split
 * the work), re-check that each still belongs to its resolution's plan, write the notifications,
 * level changes and events, mark the rows done and plan what comes next — one transaction a batch.
 * A batch run twice finds its rows done and changes nothing.
 */
@Injectable()
export class ActionHandlerService {
  private readonly logger = new Logger('Reminders');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly resolutionsService: ResolutionsService,
    private readonly recipients: RecipientsService,
    private readonly sync: ScheduleSyncService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly queue: ReminderQueue,
    private readonly actions: ScheduledActionRepository,
  ) {}

  /** Handles everything due now; answers how many actions were carried out (not skipped). */
  async processDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const { claimed, settled, carriedOut, soon } = await this.db.transaction((m) => this.processBatch(m));
      handled += carriedOut;
      if (soon.length) await this.queue.wake(soon);
      // Stop when the queue of due rows is drained, or when every claimed row was held back.
      if (claimed < BATCH || settled === 0) return handled;
    }
  }

  private async processBatch(m: EntityManager): Promise<{ claimed: number; settled: number; carriedOut: number; soon: Date[] }> {
    const now = this.clock.now();
    const rows = await this.actions.claimDue(m, now, BATCH);
    if (rows.length === 0) return { claimed: 0, settled: 0, carriedOut: 0, soon: [] };

    // Lock the resolutions too, but never wait for one: a transition holding it is about to
    // recompute these very rows. Waiting here (while holding the action rows it needs) would
    // deadlock; its actions stay pending and the next dispatcher tick brings them back.
    const wanted = [...new Set(rows.map((r) => r.resolutionId))];
    const locked = await this.resolutionsService.lockSkippingLocked(m, wanted);
    // Steps of one item in order: by instant, then by level (quiet hours can put two at one instant).
    const mine = rows
      .filter((r) => locked.has(r.resolutionId))
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || (a.level ?? 0) - (b.level ?? 0));
    const claimedIds = new Set(mine.map((r) => r.id));
    const resolutionIds = [...locked];
    const resolutions = new Map((await this.resolutionsService.findMany(m, resolutionIds)).map((r) => [r.id, r]));
    const contexts = new Map<string, CouncilContext>();
    for (const councilId of new Set(mine.map((r) => r.councilId))) contexts.set(councilId, await this.councils.contextIn(m, councilId));
    const existing = await this.sync.existing(m, resolutionIds);

    const notices: {
      action: ScheduledAction;
      resolution: Resolution;
      ctx: CouncilContext;
      kind: NonNullable<ReturnType<typeof effectOf>['notify']>;
    }[] = [];
    const events = new Map<string, EventInput[]>();
    const changed = new Map<string, Partial<Resolution>>();
    const done: string[] = [];
    const skipped: string[] = [];
    for (const action of mine) {
      const r = resolutions.get(action.resolutionId);
      const ctx = contexts.get(action.councilId)!;
      const known = existing.get(action.resolutionId)!;
      // Escalations go up one step at a time: while a lower step of the same item is due but held
      // elsewhere (a worker that died mid-batch), this one waits for the next pass.
      const lowerStepHeld =
        action.kind === 'escalation' &&
        known.pending.some(
          (p) =>
            p.kind === 'escalation' && (p.level ?? 0) < (action.level ?? 0) && !claimedIds.has(p.id) && p.fireAt.getTime() <= now.getTime(),
        );
      if (lowerStepHeld) {
        claimedIds.delete(action.id);
        continue;
      }
      // Still in the plan? (The plan of a closed, cancelled or re-dated item no longer has it.)
      const stillPlanned = !!r && this.sync.plan(r, ctx, known.done).some((p) => p.key === action.key);
      if (!r || !stillPlanned) {
        skipped.push(action.id);
        continue;
      }
      const policy = ctx.policyFor(r.priority);
      const isReport = action.kind === 'progress_report_due' || action.kind === 'progress_report_missed';
      const cycle = isReport ? new Date(action.key.split('|')[1]) : null;
      const previous =
        cycle && policy.progressReport ? previousReportCycle(policy.progressReport.cron, cycle, ctx.calendar, ctx.council.timezone) : null;
      const effect = effectOf(action, r, previous, now);
      const change: Partial<Resolution> = {};
      if (effect.escalateTo !== undefined && effect.escalateTo !== r.escalationLevel) {
        change.escalationLevel = effect.escalateTo;
        pushEvent(
          events,
          r,
          'resolution.escalated',
          { escalationLevel: r.escalationLevel },
          { escalationLevel: effect.escalateTo, actionId: action.id },
        );
      }
      if (effect.reportMissed) {
        change.missedReports = r.missedReports + 1;
        change.reportOverdueSince = r.reportOverdueSince ?? effect.reportMissed.cycle;
        change.lastReportCycleAt = effect.reportMissed.cycle;
        pushEvent(
          events,
          r,
          'resolution.report_missed',
          { missedReports: r.missedReports },
          { missedReports: change.missedReports, cycle: effect.reportMissed.cycle.toISOString(), actionId: action.id },
        );
      }
      if (effect.reportSettled) change.lastReportCycleAt = effect.reportSettled.cycle;
      if (Object.keys(change).length) {
        Object.assign(r, change);
        changed.set(r.id, { ...(changed.get(r.id) ?? {}), ...change });
      }
      if (effect.notify) notices.push({ action, resolution: r, ctx, kind: effect.notify });
      done.push(action.id);
      known.done.add(action.key);
    }

    const people = await this.recipients.resolve(
      m,
      notices.map((n) => ({ subject: n.resolution, roles: n.kind.roles })),
    );
    const inputs: NotificationInput[] = notices.flatMap((n, i) => {
      const text = noticeText(
        n.kind.kind,
        { number: n.resolution.number, title: n.resolution.title, dueAt: n.resolution.dueAt, zone: n.ctx.council.timezone },
        { level: n.kind.level, missedReports: n.resolution.missedReports },
      );
      return people[i].map((personId) => ({
        personId,
        sourceKey: `action:${n.action.id}`,
        kind: n.kind.kind,
        councilId: n.resolution.councilId,
        resolutionId: n.resolution.id,
        level: n.kind.level,
        ...text,
      }));
    });
    await this.notifications.createMany(m, inputs, now);
    // One statement per distinct change (a burst raises hundreds of items to the same level), not one per item.
    for (const { change, ids } of groupByChange(changed)) await this.resolutionsService.recordEngineChange(m, ids, change);
    if (done.length) await this.actions.settle(m, done, 'done', now);
    if (skipped.length) await this.actions.settle(m, skipped, 'skipped', now);
    const soon = await this.sync.sync(
      m,
      [...resolutions.values()].map((r) => ({ resolution: r, ctx: contexts.get(r.councilId)! })),
      // The claimed rows are no longer pending: leave them out of what sync compares against.
      new Map([...existing].map(([id, e]) => [id, { ...e, pending: e.pending.filter((p) => !claimedIds.has(p.id)) }])),
    );
    // Councils in a fixed order, so two workers appending to the same chains cannot deadlock.
    const byCouncil = [...groupByCouncil(events, resolutions)].sort(([a], [b]) => a.localeCompare(b));
    for (const [councilId, list] of byCouncil) await this.audit.append(m, councilId, list);
    if (done.length) this.logger.debug(`carried out ${done.length} action(s), skipped ${skipped.length}`);
    return { claimed: rows.length, settled: done.length + skipped.length, carriedOut: done.length, soon };
  }
}

function groupByChange(changed: Map<string, Partial<Resolution>>): { change: Partial<Resolution>; ids: string[] }[] {
  const groups = new Map<string, { change: Partial<Resolution>; ids: string[] }>();
  for (const [id, change] of changed) {
    const key = JSON.stringify(Object.entries(change).sort(([a], [b]) => a.localeCompare(b)));
    const group = groups.get(key) ?? { change, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function pushEvent(events: Map<string, EventInput[]>, r: Resolution, action: string, before: unknown, after: unknown) {
  const list = events.get(r.id) ?? [];
  list.push({ resolutionId: r.id, entityType: 'resolution', entityId: r.id, action, actorId: null, before, after });
  events.set(r.id, list);
}

function groupByCouncil(events: Map<string, EventInput[]>, resolutions: Map<string, Resolution>): Map<string, EventInput[]> {
  const byCouncil = new Map<string, EventInput[]>();
  for (const [resolutionId, list] of events) {
    const councilId = resolutions.get(resolutionId)!.councilId;
    byCouncil.set(councilId, [...(byCouncil.get(councilId) ?? []), ...list]);
  }
  return byCouncil;
}
