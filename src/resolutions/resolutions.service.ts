import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasCouncilRole, type Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage } from '../common/pagination';
import { CouncilsService, type CouncilContext } from '../councils/councils.service';
import type { Meeting } from '../meetings/meeting.entity';
import { MeetingsService } from '../meetings/meetings.service';
import { actorsFor } from './resolution-access';
import { parseDeadline } from './deadline';
import { ExtensionRequest } from './extension-request.entity';
import { ProgressReport } from './progress-report.entity';
import { assertCouncilMembers, assertLeadNotCoHandler } from './resolution-directory';
import { ResolutionRepository } from './resolution.repository';
import { toResolutionView, type ResolutionView } from './resolution-view';
import { decideTransition, WORKFLOW_ACTIONS, type Actor } from './resolution-workflow';
import type { RegisterResolutionDto } from './resolution.dto';
import { Resolution } from './resolution.entity';
import { SupervisionCheck, checkView } from './supervision-check.entity';

/** A resolution the caller may see, with their capacities and the council context. */
export interface LoadedResolution {
  resolution: Resolution;
  actors: Set<Actor>;
  ctx: CouncilContext;
}

@Injectable()
export class ResolutionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly meetings: MeetingsService,
    private readonly audit: AuditService,
    private readonly rows: ResolutionRepository,
  ) {}

  async register(caller: Principal, meetingId: string, body: RegisterResolutionDto): Promise<ResolutionView> {
    const meeting = await this.meetings.get(caller, meetingId);
    if (!hasCouncilRole(caller, meeting.councilId, 'secretary'))
      throw forbidden('RESOLUTION_SECRETARY_ONLY', 'only a secretary of the council may register decisions');
    const ctx = await this.context(meeting.councilId);
    assertLeadNotCoHandler(body);
    const created = await this.db.transaction(async (m) => {
      await assertCouncilMembers(this.rows, m, meeting.councilId, body);
      const [row] = await this.insertMany(m, caller, meeting, null, [body], ctx.council.timezone);
      return row;
    });
    return toResolutionView(created, ctx, this.clock.now());
  }

  /** Splits a resolution (分解): the child is registered in the same council and meeting. */
  async addChild(caller: Principal, parentId: string, body: RegisterResolutionDto): Promise<ResolutionView> {
    const { resolution: parent, actors, ctx } = await this.load(caller, parentId);
    const verdict = decideTransition('add_child', parent.status, actors);
    if (!verdict.ok) {
      if (verdict.reason === 'forbidden') throw forbidden('RESOLUTION_FORBIDDEN', 'only a supervisor of the council may split a decision');
      throw invalidTransition('add_child', parent.status);
    }
    const meeting = await this.meetings.byId(parent.meetingId);
    assertLeadNotCoHandler(body);
    const created = await this.db.transaction(async (m) => {
      // The parent's row lock, in the transaction of the insert: a cancel or verify of the parent
      // either committed first (its status is read here, fresh, and refuses) or waits for this
      // child and then sees it (the cancel cascades to it, the verify counts it as open).
      const [current] = await this.rows.lockOpen(m, [parent.id]);
      if (!current) throw invalidTransition('add_child', (await this.rows.findMany(m, [parent.id]))[0]?.status ?? parent.status);
      await assertCouncilMembers(this.rows, m, parent.councilId, body);
      const [row] = await this.insertMany(m, caller, meeting, parent.id, [body], ctx.council.timezone);
      return row;
    });
    return toResolutionView(created, ctx, this.clock.now());
  }

  /**
   * Inserts registered resolutions with consecutive numbers, their events, and (through the
   * listener) their schedules, in the caller's transaction. Used one by one and by import.
   */
  async insertMany(
    m: EntityManager,
    caller: Principal,
    meeting: Meeting,
    parentId: string | null,
    bodies: RegisterResolutionDto[],
    zone: string,
  ): Promise<Resolution[]> {
    const last = await this.councils.reserveResolutionNumbers(m, meeting.councilId, bodies.length);
    const first = last - bodies.length + 1;
    const rows = bodies.map((b, i) =>
      m.create(Resolution, {
        councilId: meeting.councilId,
        meetingId: meeting.id,
        parentId,
        number: first + i,
        title: b.title,
        description: b.description ?? null,
        category: b.category ?? null,
        priority: b.priority ?? 'normal',
        confidential: b.confidential ?? false,
        status: 'registered',
        leadOrganizationId: b.leadOrganizationId ?? null,
        coOrganizationIds: [...new Set(b.coOrganizationIds ?? [])],
        ownerId: b.ownerId ?? null,
        dueAt: b.dueAt ? parseDeadline(b.dueAt, zone) : null,
      }),
    );
    const saved: Resolution[] = [];
    for (let i = 0; i < rows.length; i += 500) saved.push(...(await m.save(Resolution, rows.slice(i, i + 500), { reload: true })));
    // Registered items have no owner or deadline yet, so nothing is scheduled for them.
    await this.audit.append(
      m,
      meeting.councilId,
      saved.map((r) => ({
        resolutionId: r.id,
        entityType: 'resolution',
        entityId: r.id,
        action: 'resolution.registered',
        actorId: caller.id,
        after: r,
      })),
    );
    return saved;
  }

  /** Loads a resolution the caller may see; 404 when it does not exist or is not theirs to see. */
  async load(caller: Principal, id: string, m: EntityManager = this.db.manager): Promise<LoadedResolution> {
    const resolution = await m.findOneBy(Resolution, { id });
    if (!resolution) throw notFound('resolution');
    const actors = actorsFor(caller, resolution);
    if (actors.size === 0) throw notFound('resolution');
    return { resolution, actors, ctx: await this.context(resolution.councilId) };
  }

  async get(caller: Principal, id: string) {
    const { resolution, actors, ctx } = await this.load(caller, id);
    const now = this.clock.now();
    const [children, lastProgress, pendingExtension] = await Promise.all([
      this.db.getRepository(Resolution).find({ where: { parentId: id }, order: { number: 'ASC' } }),
      this.db.getRepository(ProgressReport).findOne({ where: { resolutionId: id }, order: { reportedAt: 'DESC' } }),
      this.db.getRepository(ExtensionRequest).findOne({ where: { resolutionId: id, status: 'pending' } }),
    ]);
    return {
      ...toResolutionView(resolution, ctx, now),
      children: children.map((c) => toResolutionView(c, ctx, now)),
      lastProgress: lastProgress ?? null,
      pendingExtension: pendingExtension ? extensionView(pendingExtension) : null,
      allowedActions: WORKFLOW_ACTIONS.filter((a) => decideTransition(a, resolution.status, actors).ok),
    };
  }

  /** The resolution's events, oldest first, a page at a time (keyed by the council chain's `seq`). */
  async events(caller: Principal, id: string, limit = 50, cursor?: string) {
    await this.load(caller, id);
    const after = decodeCursor(cursor, 2);
    // seq is a bigint carried as text: anything but digits is no cursor of this list (400, not a cast error).
    if (after && !/^\d{1,19}$/.test(String(after[0]))) throw invalid('cursor', 'is not a cursor this list returned', 'isCursor');
    const rows = await this.audit.pageForResolution(id, after ? String(after[0]) : null, limit + 1);
    return toPage(
      rows,
      limit,
      (e) => [e.seq, e.id],
      (e) => e,
    );
  }

  async extensionRequests(caller: Principal, id: string) {
    await this.load(caller, id);
    const rows = await this.db.getRepository(ExtensionRequest).find({ where: { resolutionId: id }, order: { createdAt: 'ASC' } });
    return { items: rows.map(extensionView), nextCursor: null };
  }

  /** Locks those of `ids` nobody else holds, without waiting; answers the ids it got (the engine's carry-out). */
  lockSkippingLocked(m: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.rows.lockSkippingLocked(m, ids);
  }

  /** The next batch of a council's open items after `afterId`, locked as a transition locks them (the engine's re-plan). */
  lockOpenBatch(m: EntityManager, councilId: string, afterId: string, limit: number): Promise<Resolution[]> {
    return this.rows.lockOpenBatch(m, councilId, afterId, limit);
  }

  /** Open items of councils on calendar `kind` whose plan may depend on days from `from` on (ids, by id after `afterId`). */
  openOnCalendarSince(kind: string, from: Date, afterId: string, limit: number): Promise<string[]> {
    return this.rows.openOnCalendarSince(this.db.manager, kind, from, afterId, limit);
  }

  /** These items if still open, locked in id order. */
  lockOpen(m: EntityManager, ids: string[]): Promise<Resolution[]> {
    return this.rows.lockOpen(m, ids);
  }

  findMany(m: EntityManager, ids: string[]): Promise<Resolution[]> {
    return this.rows.findMany(m, ids);
  }

  /** The engine's own columns (escalation level, missed reports, report cycle), one statement for items taking the same change. */
  recordEngineChange(
    m: EntityManager,
    ids: string[],
    change: Partial<Pick<Resolution, 'escalationLevel' | 'missedReports' | 'reportOverdueSince' | 'lastReportCycleAt'>>,
  ): Promise<void> {
    return this.rows.updateMany(m, ids, change);
  }

  /** The supervision checks recorded on a resolution, in the order they took place. */
  async checks(caller: Principal, id: string) {
    await this.load(caller, id);
    const rows = await this.db
      .getRepository(SupervisionCheck)
      .find({ where: { resolutionId: id }, order: { checkedAt: 'ASC', createdAt: 'ASC' } });
    return { items: rows.map(checkView) };
  }

  /** A person's open items with a deadline, soonest first, at most `limit` (their calendar feed). */
  openDeadlinesOf(ownerId: string, limit = 500): Promise<Resolution[]> {
    return this.rows.openDeadlinesOf(ownerId, limit);
  }

  async context(councilId: string): Promise<CouncilContext> {
    const ctx = await this.councils.context(councilId);
    if (!ctx) throw notFound('council');
    return ctx;
  }
}

export function extensionView(e: ExtensionRequest) {
  return {
    id: e.id,
    resolutionId: e.resolutionId,
    requestedDueAt: e.requestedDueAt,
    previousDueAt: e.previousDueAt,
    reason: e.reason,
    status: e.status,
    requestedById: e.requestedById,
    decidedById: e.decidedById,
    decidedAt: e.decidedAt,
    decisionNote: e.decisionNote,
    createdAt: e.createdAt,
  };
}

/** 409 for an action the resolution's current status does not allow; the message says which. */
export function invalidTransition(action: string, status: string) {
  return conflict(
    'RESOLUTION_INVALID_TRANSITION',
    `cannot ${action.replace(/_/g, ' ')} a resolution that is ${status.replace(/_/g, ' ')}`,
    { status, action },
  );
}
