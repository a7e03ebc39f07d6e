import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { diff } from '../audit/event-hash';
import { AuditService, type EventInput } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { TransactionHook, type AfterCommit } from '../common/transaction-hook';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import type { CouncilContext } from '../councils/councils.service';
import { PeopleService } from '../people/people.service';
import { parseDeadline } from './deadline';
import { ExtensionRequest } from './extension-request.entity';
import { ExtensionRequestRepository } from './extension-request.repository';
import { ProgressReport } from './progress-report.entity';
import { ResolutionTransitionHook } from './resolution-hooks';
import { assertCouncilMembers, assertLeadNotCoHandler } from './resolution-directory';
import { ResolutionRepository } from './resolution.repository';
import { toResolutionView, type ResolutionView } from './resolution-view';
import { ACTION_PHRASES, decideTransition, isOpen, OPEN_STATUSES, WORKFLOW_RULES, type WorkflowAction } from './resolution-workflow';
import type {
  AcceptDto,
  AssignDto,
  CheckDto,
  CompletionRequestDto,
  DecisionDto,
  ExtensionRequestDto,
  ProgressDto,
  ReasonDto,
  ReassignDto,
  UrgeDto,
  VerifyDto,
} from './resolution.dto';
import { Resolution } from './resolution.entity';
import { ResolutionsService, extensionView, invalidTransition } from './resolutions.service';
import { SupervisionCheck, checkView } from './supervision-check.entity';
import { Urge } from './urge.entity';

type ResolutionChanges = QueryDeepPartialEntity<Resolution>;

interface StepContext {
  m: EntityManager;
  before: Resolution;
  now: Date;
  ctx: CouncilContext;
  /** Work the hook's participants asked for once the transaction has committed. */
  afterCommit: AfterCommit[];
}

interface Step<T> {
  /** Column changes (a value, or SQL for it); version and updatedAt are added by `run`. */
  changes: ResolutionChanges;
  note?: string | null;
  /** Runs after the conditional update succeeded (related rows); its result is the answer. */
  after?: (s: StepContext & { updated: Resolution }) => Promise<T>;
  /** Further events, e.g. for cascaded children. */
  extraEvents?: EventInput[];
}

/**
 * Every workflow transition. Each one: visible (else 404) → role (else 403) → the client's version
 * (else 409) → status (else 409), then one transaction with a conditional UPDATE on (id, version,
 * status), the event, and the transition hook (the reminder engine's recomputation, …).
 */
@Injectable()
export class ResolutionTransitionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly resolutions: ResolutionsService,
    private readonly audit: AuditService,
    private readonly hook: ResolutionTransitionHook,
    private readonly rows: ResolutionRepository,
    private readonly extensions: ExtensionRequestRepository,
    private readonly people: PeopleService,
  ) {}

  assign(caller: Principal, id: string, body: AssignDto) {
    return this.view(caller, id, 'assign', body.version, async ({ m, before, now, ctx }) => {
      assertLeadNotCoHandler(body);
      await assertCouncilMembers(this.rows, m, before.councilId, body);
      const dueAt = this.futureDeadline(body.dueAt, ctx, now, 'dueAt');
      return {
        changes: {
          leadOrganizationId: body.leadOrganizationId,
          ownerId: body.ownerId,
          coOrganizationIds: [...new Set(body.coOrganizationIds ?? [])],
          dueAt,
          originalDueAt: dueAt,
          assignedAt: now,
          escalationLevel: 0,
        },
        note: body.note,
      };
    });
  }

  reassign(caller: Principal, id: string, body: ReassignDto) {
    return this.view(caller, id, 'reassign', body.version, async ({ m, before, now, ctx }) => {
      if (
        body.leadOrganizationId === undefined &&
        body.ownerId === undefined &&
        body.dueAt === undefined &&
        body.coOrganizationIds === undefined
      ) {
        throw invalid('body', 'must change at least one of leadOrganizationId, ownerId, dueAt, coOrganizationIds', 'minProperties');
      }
      assertLeadNotCoHandler({
        leadOrganizationId: body.leadOrganizationId ?? before.leadOrganizationId,
        coOrganizationIds: body.coOrganizationIds ?? before.coOrganizationIds,
      });
      // Only what this request names: an item assigned before membership was checked keeps its units.
      await assertCouncilMembers(this.rows, m, before.councilId, body);
      const changes: Partial<Resolution> = {};
      if (body.leadOrganizationId !== undefined) changes.leadOrganizationId = body.leadOrganizationId;
      if (body.coOrganizationIds !== undefined) changes.coOrganizationIds = [...new Set(body.coOrganizationIds)];
      if (body.ownerId !== undefined && body.ownerId !== before.ownerId) {
        changes.ownerId = body.ownerId;
        // A new owner has to accept the item themselves.
        if (before.status === 'in_progress') Object.assign(changes, { status: 'assigned', acceptedAt: null, assignedAt: now });
        else changes.assignedAt = now;
      }
      if (body.dueAt !== undefined) {
        changes.dueAt = this.futureDeadline(body.dueAt, ctx, now, 'dueAt');
        changes.escalationLevel = 0;
      }
      return { changes, note: body.note };
    });
  }

  accept(caller: Principal, id: string, body: AcceptDto) {
    return this.view(caller, id, 'accept', body.version, async ({ now }) => ({ changes: { acceptedAt: now }, note: body.note }));
  }

  progress(caller: Principal, id: string, body: ProgressDto) {
    return this.view(caller, id, 'progress', body.version, async ({ now }) => ({
      changes: { progress: body.percent, lastProgressAt: now, reportOverdueSince: null },
      note: body.note,
      after: async ({ m, updated }) => {
        await m.insert(ProgressReport, {
          resolutionId: updated.id,
          authorId: caller.id,
          note: body.note,
          percent: body.percent,
          reportedAt: now,
        });
      },
    }));
  }

  requestExtension(caller: Principal, id: string, body: ExtensionRequestDto) {
    return this.run(caller, id, 'request_extension', body.version, async ({ m, before, now, ctx }) => {
      if (before.dueAt && now.getTime() > before.dueAt.getTime())
        throw conflict('EXTENSION_TOO_LATE', 'an extension must be requested before the deadline passes');
      const max = ctx.policyFor(before.priority).maxExtensions;
      if (before.extensionCount >= max)
        throw conflict('EXTENSION_LIMIT_REACHED', `this item already had ${before.extensionCount} of at most ${max} extensions`);
      const requestedDueAt = parseDeadline(body.requestedDueAt, ctx.council.timezone);
      if (before.dueAt && requestedDueAt.getTime() <= before.dueAt.getTime())
        throw invalid('requestedDueAt', 'must be later than the current deadline', 'afterDueAt');
      if (await m.existsBy(ExtensionRequest, { resolutionId: id, status: 'pending' }))
        throw conflict('EXTENSION_ALREADY_PENDING', 'an extension request is already pending for this item');
      return {
        changes: {},
        note: body.reason,
        after: async ({ updated }) => {
          const request = await m.save(
            m.create(ExtensionRequest, {
              resolutionId: updated.id,
              requestedById: caller.id,
              requestedDueAt,
              previousDueAt: before.dueAt ?? requestedDueAt,
              reason: body.reason,
              status: 'pending',
            }),
          );
          return extensionView(request);
        },
      };
    });
  }

  decideExtension(caller: Principal, id: string, requestId: string, approve: boolean, body: DecisionDto) {
    return this.view(caller, id, 'decide_extension', body.version, async ({ m, now }) => {
      const request = await m.findOneBy(ExtensionRequest, { id: requestId, resolutionId: id });
      if (!request) throw notFound('extension request');
      if (request.status !== 'pending') throw conflict('EXTENSION_ALREADY_DECIDED', `this extension request was already ${request.status}`);
      // The owner is barred by the workflow; whoever made the request is barred here too, should they no longer own the item.
      if (request.requestedById === caller.id)
        throw forbidden(
          'RESOLUTION_OWN_ITEM',
          'you may not decide on an extension you requested yourself; another supervisor of the council must',
        );
      // Counted by the UPDATE itself (RETURNING hands back the new count), whatever `before` says.
      const changes: ResolutionChanges = approve
        ? { dueAt: request.requestedDueAt, escalationLevel: 0, extensionCount: () => 'extension_count + 1' }
        : {};
      return {
        changes,
        note: body.note,
        after: async () => {
          const result = await m.update(
            ExtensionRequest,
            { id: requestId, status: 'pending' },
            { status: approve ? 'approved' : 'rejected', decidedById: caller.id, decidedAt: now, decisionNote: body.note ?? null },
          );
          if (result.affected !== 1) throw conflict('EXTENSION_ALREADY_DECIDED', 'this extension request was already decided');
          return undefined;
        },
        extraEvents: [
          {
            resolutionId: id,
            entityType: 'extension_request',
            entityId: requestId,
            action: approve ? 'extension.approved' : 'extension.rejected',
            actorId: caller.id,
            before: { status: 'pending' },
            after: { status: approve ? 'approved' : 'rejected', note: body.note ?? null },
          },
        ],
      };
    });
  }

  requestCompletion(caller: Principal, id: string, body: CompletionRequestDto) {
    return this.view(caller, id, 'request_completion', body.version, async ({ now }) => ({
      changes: { completionRequestedAt: now, completionSummary: body.summary, completionEvidence: body.evidence ?? null },
      note: body.summary,
    }));
  }

  verify(caller: Principal, id: string, body: VerifyDto) {
    return this.view(caller, id, 'verify', body.version, async ({ m, now }) => ({
      changes: { closedAt: now, progress: 100, verificationRating: body.rating ?? null },
      note: body.note,
      // Counted after the conditional UPDATE has locked the item: a child added concurrently has
      // either committed (and is counted here) or waits for this lock and then finds the item closed.
      after: async () => {
        const open = await m.count(Resolution, { where: { parentId: id, status: In([...OPEN_STATUSES]) } });
        if (open > 0) throw conflict('RESOLUTION_CHILDREN_OPEN', `cannot verify: ${open} child item(s) are still open`);
        return undefined;
      },
    }));
  }

  returnForRework(caller: Principal, id: string, body: ReasonDto) {
    return this.view(caller, id, 'return', body.version, async () => ({ changes: { completionRequestedAt: null }, note: body.reason }));
  }

  /** Cancelling a decision cancels its open parts with it. */
  cancel(caller: Principal, id: string, body: ReasonDto) {
    return this.view(caller, id, 'cancel', body.version, async ({ m, now, ctx, afterCommit }) => {
      // Filled by `after` and read when the events are written, after it: only the children really cancelled.
      const cascadeEvents: EventInput[] = [];
      return {
        changes: { cancelReason: body.reason },
        note: body.reason,
        after: async () => {
          // Level by level, each level read and locked only once the level above is locked (the item
          // itself by the conditional UPDATE): a child added concurrently under any of them has either
          // committed, and is read with the next level, or waits for that lock and then finds its
          // parent cancelled. A child closed meanwhile by a concurrent verify keeps its sign-off (the
          // lock waits for that verify and then reads it closed) instead of being overwritten.
          for (let parents = [id]; parents.length;) {
            const level = await this.rows.lockChildren(m, parents);
            parents = level.map((c) => c.id);
            const open = level.filter((c) => isOpen(c.status));
            if (open.length === 0) continue;
            const cancelled = await this.rows.cancelOpen(
              m,
              open.map((c) => c.id),
              body.reason,
              now,
            );
            for (const c of open.filter((child) => cancelled.has(child.id))) {
              const updated = cancelled.get(c.id)!;
              afterCommit.push(
                ...(await this.hook.run(m, {
                  action: 'cancel',
                  actorId: caller.id,
                  before: c,
                  after: updated,
                  note: body.reason,
                  context: ctx,
                })),
              );
              cascadeEvents.push({
                resolutionId: c.id,
                entityType: 'resolution',
                entityId: c.id,
                action: 'resolution.cancel',
                actorId: caller.id,
                before: { status: c.status },
                after: { status: 'cancelled', cancelReason: body.reason, cascadedFrom: id },
              });
            }
          }
          return undefined;
        },
        extraEvents: cascadeEvents,
      };
    });
  }

  urge(caller: Principal, id: string, body: UrgeDto) {
    return this.run(caller, id, 'urge', body.version, async ({ m, now }) => ({
      changes: {},
      note: body.note,
      after: async ({ updated }) =>
        m.save(m.create(Urge, { resolutionId: updated.id, urgedById: caller.id, note: body.note, createdAt: now })),
    }));
  }

  check(caller: Principal, id: string, body: CheckDto) {
    return this.run(caller, id, 'check', body.version, async ({ m, ctx }) => {
      const inspectors = [...new Set(body.inspectorIds)];
      // Inspectors, like owners, must be people of the council's member organizations (DESIGN.md, access).
      // An id that is no person at all is left to the foreign-key trigger (400 "unknown person").
      // One after the other: both run on the transaction's single connection.
      const known = await this.people.inOrganizations(inspectors, ctx.memberOrganizationIds, m);
      const people = await this.people.existing(inspectors, m);
      const stranger = inspectors.find((x) => people.has(x) && !known.has(x));
      if (stranger)
        throw invalid('inspectorIds', `refers to ${stranger}, who is not a person of the council's member organizations`, 'councilMember');
      // The id is chosen here so the check's own event can name it before the row is written.
      const check = {
        id: randomUUID(),
        checkedAt: new Date(body.checkedAt),
        method: body.method,
        inspectorIds: inspectors,
        findings: body.findings,
        rating: body.rating,
      };
      return {
        changes: {},
        note: body.findings,
        after: async ({ updated }) =>
          checkView(
            await m.save(
              m.create(SupervisionCheck, { ...check, resolutionId: updated.id, councilId: updated.councilId, recordedById: caller.id }),
            ),
          ),
        extraEvents: [
          {
            resolutionId: id,
            entityType: 'supervision_check',
            entityId: check.id,
            action: 'check.recorded',
            actorId: caller.id,
            after: { ...check, createdBy: caller.id },
          },
        ],
      };
    });
  }

  /** Runs a step and answers with the updated resolution. */
  private async view(
    caller: Principal,
    id: string,
    action: WorkflowAction,
    version: number,
    step: (s: StepContext) => Promise<Step<unknown>>,
  ): Promise<ResolutionView> {
    const { final, ctx } = await this.execute(caller, id, action, version, step);
    return toResolutionView(final, ctx, this.clock.now());
  }

  /** Runs a step and answers with what its `after` produced (the request, the urge, the check). */
  private async run<T>(
    caller: Principal,
    id: string,
    action: WorkflowAction,
    version: number,
    step: (s: StepContext) => Promise<Step<T>>,
  ): Promise<T> {
    return (await this.execute(caller, id, action, version, step)).answer;
  }

  private async execute<T>(
    caller: Principal,
    id: string,
    action: WorkflowAction,
    version: number,
    step: (s: StepContext) => Promise<Step<T>>,
  ): Promise<{ answer: T; final: Resolution; ctx: CouncilContext }> {
    const { resolution: before, actors, ctx } = await this.resolutions.load(caller, id);
    const verdict = decideTransition(action, before.status, actors);
    if (!verdict.ok && verdict.reason === 'forbidden') throw forbidden('RESOLUTION_FORBIDDEN', `you may not ${ACTION_PHRASES[action]}`);
    if (!verdict.ok && verdict.reason === 'own_item')
      throw forbidden(
        'RESOLUTION_OWN_ITEM',
        `you may not ${ACTION_PHRASES[action]}: it is your own item, and nobody decides on their own request; another supervisor of the council must`,
      );
    if (before.version !== version) throw staleVersion(version, before.version);
    if (!verdict.ok) throw invalidTransition(action, before.status);
    const now = this.clock.now();
    const afterCommit: AfterCommit[] = [];
    const result = await this.db.transaction(async (m) => {
      const s = await step({ m, before, now, ctx, afterCommit });
      const changes: ResolutionChanges = { ...s.changes, updatedAt: now };
      if (verdict.to !== before.status && changes.status === undefined) changes.status = verdict.to;
      // The row as the UPDATE left it (RETURNING *): no step's `after` changes the resolution's own row.
      const final = await this.rows.updateIfCurrent(m, id, version, WORKFLOW_RULES[action].from, changes);
      if (!final) {
        const current = await m.findOneBy(Resolution, { id });
        if (current && current.version !== version) throw staleVersion(version, current.version);
        throw invalidTransition(action, current?.status ?? before.status);
      }
      const answer = s.after ? await s.after({ m, before, now, ctx, afterCommit, updated: final }) : (undefined as T);
      const lapsed =
        before.status === 'in_progress' && final.status !== 'in_progress' ? await this.lapsePendingExtension(m, id, final.status, now) : [];
      afterCommit.push(
        ...(await this.hook.run(m, {
          action,
          actorId: caller.id,
          before,
          after: final,
          note: s.note ?? null,
          context: ctx,
        })),
      );
      const { before: b, after: a } = diff({ ...before }, { ...final });
      await this.audit.append(m, before.councilId, [
        {
          resolutionId: id,
          entityType: 'resolution',
          entityId: id,
          action: `resolution.${action}`,
          actorId: caller.id,
          before: b,
          after: { ...a, ...(s.note ? { note: s.note } : {}) },
        },
        ...(s.extraEvents ?? []),
        ...lapsed,
      ]);
      return { answer, final, ctx };
    });
    await TransactionHook.afterCommit(afterCommit);
    return result;
  }

  /**
   * An extension can only be decided while the item is in progress; when it leaves that state
   * (completion requested, cancelled, handed to a new owner) a pending request lapses as rejected.
   */
  private async lapsePendingExtension(m: EntityManager, resolutionId: string, status: string, now: Date): Promise<EventInput[]> {
    const note = `事项状态变为 ${status}，延期申请自动失效`;
    const lapsed = await this.extensions.lapsePending(m, resolutionId, now, note);
    return lapsed.map((r) => ({
      resolutionId,
      entityType: 'extension_request',
      entityId: r.id,
      action: 'extension.lapsed',
      actorId: null,
      before: { status: 'pending' },
      after: { status: 'rejected', note },
    }));
  }

  private futureDeadline(text: string, ctx: CouncilContext, now: Date, field: string): Date {
    const at = parseDeadline(text, ctx.council.timezone);
    if (at.getTime() <= now.getTime()) throw invalid(field, 'must be in the future', 'future');
    return at;
  }
}

function staleVersion(sent: number, current: number) {
  return conflict('RESOLUTION_STALE_VERSION', `version ${sent} is stale: the resolution is at version ${current}; reload and try again`, {
    sentVersion: sent,
    currentVersion: current,
  });
}
