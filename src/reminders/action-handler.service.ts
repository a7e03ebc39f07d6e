import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService, type EventInput } from '../audit/audit.service';
import { CalendarService } from '../calendars/calendar.service';
import { Clock } from '../common/clock';
import { CouncilsService, type CouncilContext } from '../councils/councils.service';
import { noticeText } from '../notifications/notification-text';
import { NotificationsService, type NotificationInput } from '../notifications/notifications.service';
import { RecipientsService } from '../notifications/recipients';
import type { Resolution } from '../resolutions/resolution.entity';
import { ResolutionsService } from '../resolutions/resolutions.service';
import { effectOf, type ActionEffect } from './action-effects';
import { previousReportCycle } from './report-cycle';
import { ReminderQueue } from './reminder-queue.service';
import { ScheduleSyncService, type ExistingActions } from './schedule-sync.service';
import { ScheduledAction } from './scheduled-action.entity';
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
    private readonly calendars: CalendarService,
    private readonly councils: CouncilsService,
    private readonly resolutionsService: ResolutionsService,
    private readonly recipients: RecipientsService,
    private readonly sync: ScheduleSyncService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly queue: ReminderQueue,
    private readonly actions: ScheduledActionRepository,
  ) {}

  /**
   * Handles everything due now; answers how many actions were carried out (not skipped). A batch
   * that fails because of one council (its audit chain refuses the append, its policy cannot be
   * read…) is rolled back and run again without that council's actions, which are set aside as
   * `failed` with the error: one broken council never holds up the others. Costs nothing while no
   * council fails: the failure is attributed where it happens, not checked for beforehand.
   */
  async processDue(): Promise<number> {
    // A day overridden through another process since this one loaded its calendar: one query a run.
    await this.calendars.ensureVersion(await this.calendars.currentVersion());
    let handled = 0;
    let setAside = 0;
    let burst = false;
    for (;;) {
      let outcome: BatchOutcome;
      try {
        outcome = await this.db.transaction((m) => this.processBatch(m));
      } catch (err) {
        // A transient error (deadlock, lost connection…) is the job's to retry; so is a council
        // failing again and again in one run, which is no longer one council's trouble.
        if (!(err instanceof CouncilFailure)) throw err;
        if (isTransient(err.cause) || setAside >= MAX_SET_ASIDE) throw err.cause;
        await this.setAside(err);
        setAside++;
        continue;
      }
      const { claimed, settled, carriedOut, soon } = outcome;
      handled += carriedOut;
      if (soon.length) await this.queue.wake(soon);
      burst ||= outcome.burst;
      // Stop when the queue of due rows is drained, or when every claimed row was held back.
      if (claimed < BATCH || settled === 0) {
        // The burst is over: clear its mark and have its deliveries queued now (they were left to the sweep).
        if (burst) await Promise.all([this.queue.markBacklog(false), this.notifications.queueDeliveriesLeftToSweep()]);
        return handled;
      }
    }
  }

  /** Marks a failing council's claimed actions `failed` with the error, for an admin to see and retry. */
  private async setAside(failure: CouncilFailure): Promise<void> {
    const message = errorText(failure.cause);
    const count = await this.actions.setAside(failure.actionIds, message, this.clock.now());
    this.logger.error(`council ${failure.councilId}: ${count} action(s) set aside as failed: ${message}`);
  }

  /**
   * For late actions (carried out more than LATE_MS after their instant): whether the person already
   * had a message of the same kind and at least the same level about the item since that instant —
   * sent by another batch or worker of the same catch-up. Then this one would only repeat it. One
   * query per batch, and none at all for a batch that is on time.
   */
  private async alreadyTold(m: EntityManager, notices: Notice[], now: Date): Promise<(n: Notice, personId: string) => boolean> {
    const late = notices.filter((n) => now.getTime() - n.action.fireAt.getTime() > LATE_MS);
    if (late.length === 0) return () => false;
    const since = new Date(Math.min(...late.map((n) => n.action.fireAt.getTime())));
    const sent = await this.notifications.sentSince(
      m,
      [...new Set(late.map((n) => n.resolution.id))],
      [...new Set(late.map((n) => n.kind.kind))],
      since,
    );
    const byKey = new Map<string, typeof sent>();
    for (const row of sent) {
      const key = `${row.resolutionId}|${row.kind}|${row.personId}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    return (n, personId) =>
      now.getTime() - n.action.fireAt.getTime() > LATE_MS &&
      (byKey.get(`${n.resolution.id}|${n.kind.kind}|${personId}`) ?? []).some(
        (row) => row.createdAt.getTime() >= n.action.fireAt.getTime() && (row.level ?? 0) >= (n.kind.level ?? 0),
      );
  }

  private async processBatch(m: EntityManager): Promise<BatchOutcome> {
    const now = this.clock.now();
    const rows = await this.actions.claimDue(m, now, BATCH);
    if (rows.length === 0) return { claimed: 0, settled: 0, carriedOut: 0, soon: [], burst: false };
    // A full batch means more are due: a burst. Marked (engineBacklogKey), outward sending steps aside and
    // this batch's deliveries are left to the sweep that follows the burst; unmarked, they are queued as usual.
    const burst = rows.length === BATCH && (await this.queue.markBacklog(true));

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
    // Whatever goes wrong while working on one council's actions is that council's failure.
    const ofCouncil = async <T>(councilId: string, work: () => Promise<T> | T): Promise<T> => {
      try {
        return await work();
      } catch (err) {
        throw new CouncilFailure(
          councilId,
          mine.filter((a) => a.councilId === councilId).map((a) => a.id),
          err,
        );
      }
    };
    const resolutionIds = [...locked];
    const resolutions = new Map((await this.resolutionsService.findMany(m, resolutionIds)).map((r) => [r.id, r]));
    const contexts = new Map<string, CouncilContext>();
    for (const councilId of new Set(mine.map((r) => r.councilId)))
      contexts.set(councilId, await ofCouncil(councilId, () => this.councils.contextIn(m, councilId)));
    const existing = await this.sync.existing(m, resolutionIds);

    const notices: Notice[] = [];
    const events = new Map<string, EventInput[]>();
    const changed = new Map<string, Partial<Resolution>>();
    const done: ScheduledAction[] = [];
    const skipped: string[] = [];
    const carryOut = (action: ScheduledAction, r: Resolution, ctx: CouncilContext) => {
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
      done.push(action);
      existing.get(r.id)!.done.add(action.key);
    };
    // Escalations go up one step at a time: while a lower step of the same item is due but held
    // elsewhere (a worker that died mid-batch), a higher one waits for the next pass.
    const lowerStepHeld = (action: Pick<ScheduledAction, 'kind' | 'level'>, known: ExistingActions) =>
      action.kind === 'escalation' &&
      known.pending.some(
        (p) =>
          p.kind === 'escalation' && (p.level ?? 0) < (action.level ?? 0) && !claimedIds.has(p.id) && p.fireAt.getTime() <= now.getTime(),
      );

    for (const action of mine) {
      const r = resolutions.get(action.resolutionId);
      const ctx = contexts.get(action.councilId)!;
      const known = existing.get(action.resolutionId)!;
      if (lowerStepHeld(action, known)) {
        claimedIds.delete(action.id);
        continue;
      }
      await ofCouncil(action.councilId, () => {
        // Still in the plan? (The plan of a closed, cancelled or re-dated item no longer has it.)
        const stillPlanned = !!r && this.sync.plan(r, ctx, known.done).some((p) => p.key === action.key);
        if (!r || !stillPlanned) skipped.push(action.id);
        else carryOut(action, r, ctx);
      });
    }

    // Catching up (after an outage, or a clock moved far): carrying out a repeating reminder plans
    // its next occurrence, which may be due already, and the one after it too. They are carried out
    // here, in this batch, as rows written done, so that their messages collapse with this one's
    // below instead of going out one by one as each is planned and woken.
    // Only items where a repeating kind was carried out can have one (the other kinds' rows all exist
    // already), so a batch of escalations plans nothing more here.
    const caughtUp: ScheduledAction[] = [];
    for (const id of new Set(done.filter((a) => REPEATING.has(a.kind)).map((a) => a.resolutionId))) {
      const r = resolutions.get(id)!;
      const ctx = contexts.get(r.councilId)!;
      const known = existing.get(id)!;
      const pendingKeys = new Set(known.pending.filter((p) => !claimedIds.has(p.id)).map((p) => p.key));
      await ofCouncil(r.councilId, () => {
        for (let n = 0; n < MAX_CATCH_UP; n++) {
          const next = this.sync.plan(r, ctx, known.done).find((p) => p.fireAt.getTime() <= now.getTime() && !pendingKeys.has(p.key));
          if (!next || lowerStepHeld(next, known)) return;
          const action = Object.assign(new ScheduledAction(), {
            ...next,
            id: randomUUID(),
            councilId: r.councilId,
            resolutionId: r.id,
            status: 'done',
            handledAt: now,
          });
          caughtUp.push(action);
          carryOut(action, r, ctx);
        }
      });
    }

    const people = await this.recipients.resolve(
      m,
      notices.map((n) => ({ subject: n.resolution, roles: n.kind.roles })),
    );
    // One message per item, kind and person: when several actions of an item would tell the same
    // person the same kind of thing at once, only the latest (by instant, then level) is sent, and an
    // action none of whose messages was sent is marked `collapsed` (its effects were applied all the same).
    const told = await this.alreadyTold(m, notices, now);
    const latest = new Map<string, { notice: Notice; personId: string }>();
    notices.forEach((n, i) => {
      for (const personId of people[i]) {
        const key = `${n.resolution.id}|${n.kind.kind}|${personId}`;
        if (told(n, personId)) continue;
        const held = latest.get(key);
        if (!held || laterThan(n, held.notice)) latest.set(key, { notice: n, personId });
      }
    });
    const sent = new Set([...latest.values()].map((v) => v.notice.action.id));
    const collapsed = new Set(notices.filter((n, i) => people[i].length > 0 && !sent.has(n.action.id)).map((n) => n.action.id));
    const inputs: NotificationInput[] = [...latest.values()].map(({ notice: n, personId }) => ({
      personId,
      sourceKey: `action:${n.action.id}`,
      kind: n.kind.kind,
      councilId: n.resolution.councilId,
      resolutionId: n.resolution.id,
      level: n.kind.level,
      ...noticeText(
        n.kind.kind,
        { number: n.resolution.number, title: n.resolution.title, dueAt: n.resolution.dueAt, zone: n.ctx.council.timezone },
        { level: n.kind.level, missedReports: n.resolution.missedReports },
      ),
    }));
    await this.notifications.createMany(m, inputs, now, { leaveQueueingToSweep: burst });
    // One statement per distinct change (a burst raises hundreds of items to the same level), not one per item.
    for (const { change, ids } of groupByChange(changed)) await this.resolutionsService.recordEngineChange(m, ids, change);
    const claimedDone = done.filter((a) => claimedIds.has(a.id));
    const doneIds = claimedDone.filter((a) => !collapsed.has(a.id)).map((a) => a.id);
    const collapsedIds = claimedDone.filter((a) => collapsed.has(a.id)).map((a) => a.id);
    if (doneIds.length) await this.actions.settle(m, doneIds, 'done', now);
    if (collapsedIds.length) await this.actions.settle(m, collapsedIds, 'collapsed', now);
    if (skipped.length) await this.actions.settle(m, skipped, 'skipped', now);
    if (caughtUp.length)
      await this.actions.insertHandled(
        m,
        caughtUp.map((a) => ({ ...a, status: collapsed.has(a.id) ? ('collapsed' as const) : ('done' as const) })),
      );
    const soon = await this.sync.sync(
      m,
      [...resolutions.values()].map((r) => ({ resolution: r, ctx: contexts.get(r.councilId)! })),
      // The claimed rows are no longer pending: leave them out of what sync compares against.
      new Map([...existing].map(([id, e]) => [id, { ...e, pending: e.pending.filter((p) => !claimedIds.has(p.id)) }])),
    );
    // Councils in a fixed order, so two workers appending to the same chains cannot deadlock.
    const byCouncil = [...groupByCouncil(events, resolutions)].sort(([a], [b]) => a.localeCompare(b));
    for (const [councilId, list] of byCouncil) await ofCouncil(councilId, () => this.audit.append(m, councilId, list));
    if (done.length)
      this.logger.debug(
        `carried out ${done.length} action(s) (${caughtUp.length} caught up, ${collapsed.size} collapsed), skipped ${skipped.length}`,
      );
    return { claimed: rows.length, settled: done.length + skipped.length, carriedOut: done.length, soon, burst };
  }
}

interface BatchOutcome {
  claimed: number;
  settled: number;
  carriedOut: number;
  soon: Date[];
  /** The batch was full and marked as part of a burst: its deliveries were left to the sweep. */
  burst: boolean;
}

interface Notice {
  action: ScheduledAction;
  resolution: Resolution;
  ctx: CouncilContext;
  kind: NonNullable<ActionEffect['notify']>;
}

/** Kinds whose carrying out plans the next occurrence (the next repeat, the next report cycle). */
const REPEATING = new Set<ScheduledAction['kind']>(['acceptance_overdue', 'progress_report_missed']);
/** An action carried out later than this after its instant is being caught up (see alreadyTold). */
const LATE_MS = 60_000;
/** At most this many councils are set aside in one run before the failure is treated as general. */
const MAX_SET_ASIDE = 20;
/** At most this many overdue occurrences of one item are caught up in one batch (the rest in the next). */
const MAX_CATCH_UP = 100;

/** A failure while carrying out one council's actions, with the actions it claimed in the batch. */
export class CouncilFailure extends Error {
  constructor(
    readonly councilId: string,
    readonly actionIds: string[],
    override readonly cause: unknown,
  ) {
    super(`council ${councilId}: ${errorText(cause)}`);
  }
}

/**
 * Errors that say nothing about the council: a deadlock, a serialization failure, a lock or
 * statement timeout, a lost connection, a database out of resources. The batch is retried whole.
 */
function isTransient(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: unknown } | undefined)?.code;
  return typeof code !== 'string' || /^(08|40|53|57|58)/.test(code) || code === '55P03';
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const code = err instanceof QueryFailedError ? (err.driverError as { code?: string } | undefined)?.code : undefined;
  return (code ? `${code} ${text}` : text).slice(0, 2000);
}

function laterThan(a: Notice, b: Notice): boolean {
  return (
    a.action.fireAt.getTime() - b.action.fireAt.getTime() > 0 ||
    (a.action.fireAt.getTime() === b.action.fireAt.getTime() && (a.action.level ?? 0) > (b.action.level ?? 0))
  );
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
