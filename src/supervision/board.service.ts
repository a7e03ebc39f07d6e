import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { forbidden } from '../common/domain-error';
import { CouncilsService } from '../councils/councils.service';
import { supervisionPolicy, type CouncilPolicy } from '../councils/policy';
import { daysOverdue, lightThresholds } from '../resolutions/resolution-light';
import { PRIORITIES, RESOLUTION_STATUSES, type ResolutionStatus } from '../resolutions/resolution-workflow';
import type { BoardQuery } from './dto/board.dto';
import { addCounts, compareUnits, withRates, ZERO_COUNTS, type UnitCounts } from './figures';
import { assertSupervises } from './supervision-access';
import { SupervisionRepository, type ThresholdRow } from './supervision.repository';

interface ScopeCouncil {
  id: string;
  name: string;
  policy: CouncilPolicy;
}

/** `GET /supervision/board`: counts, the overdue list, and the figures per unit, per owner and per council. */
@Injectable()
export class BoardService {
  constructor(
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly repo: SupervisionRepository,
  ) {}

  async board(caller: Principal, q: BoardQuery) {
    const now = this.clock.now();
    const scope = await this.scope(caller, q.councilId);
    const ids = scope.map((c) => c.id);
    const contexts = await Promise.all(ids.map((id) => this.councils.context(id)));
    const thresholds: ThresholdRow[] = contexts.flatMap((ctx) =>
      ctx
        ? PRIORITIES.map((priority) => ({
            councilId: ctx.council.id,
            priority,
            ...lightThresholds(ctx.policyFor(priority), ctx.calendar, ctx.council.timezone, now),
          }))
        : [],
    );
    const [agg, overdue] = await Promise.all([
      ids.length ? this.repo.boardAggregates(ids, thresholds, now) : null,
      ids.length ? this.repo.overdue(ids, now, q.limit ?? 50) : [],
    ]);

    const byStatus = Object.fromEntries(RESOLUTION_STATUSES.map((s) => [s, 0])) as Record<ResolutionStatus, number>;
    const byLight = { red: 0, yellow: 0, green: 0 };
    for (const row of agg?.byStatus ?? []) byStatus[row.status as ResolutionStatus] += row.count;
    for (const row of agg?.byLight ?? []) byLight[row.light] += row.count;

    // Units: every member organization of the councils in scope, plus any unit that leads or co-handles an item.
    const orgCounts = new Map<string, UnitCounts>();
    for (const ctx of contexts) for (const id of ctx?.memberOrganizationIds ?? []) orgCounts.set(id, { ...ZERO_COUNTS });
    for (const row of agg?.byOrganization ?? [])
      orgCounts.set(row.organizationId, addCounts(orgCounts.get(row.organizationId) ?? ZERO_COUNTS, row.counts));

    // Per person only from councils that rank people (board.rankPeople); none of them: no byOwner at all.
    const ranking = new Set(scope.filter((c) => supervisionPolicy(c.policy).rankPeople).map((c) => c.id));
    const ownerCounts = new Map<string, UnitCounts>();
    for (const row of agg?.byOwner ?? [])
      if (ranking.has(row.councilId)) ownerCounts.set(row.personId, addCounts(ownerCounts.get(row.personId) ?? ZERO_COUNTS, row.counts));

    const [orgNames, peopleNames] = await Promise.all([
      this.repo.names('organizations', [...orgCounts.keys()]),
      this.repo.names('people', [...ownerCounts.keys()]),
    ]);
    const byOrganization = [...orgCounts]
      .map(([organizationId, c]) => ({ organizationId, name: orgNames.get(organizationId) ?? '', ...withRates(c) }))
      .sort(compareUnits);
    const byOwner = [...ownerCounts]
      .map(([personId, c]) => ({ personId, name: peopleNames.get(personId) ?? '', ...withRates({ ...c, coHandled: 0 }) }))
      .sort(compareUnits);

    return {
      asOf: now,
      councilId: q.councilId ?? null,
      counts: { byStatus, byLight },
      overdue: overdue.map((r) => ({
        resolutionId: r.id,
        councilId: r.councilId,
        number: r.number,
        title: r.title,
        status: r.status,
        daysOverdue: daysOverdue({ status: r.status as ResolutionStatus, dueAt: r.dueAt }, now),
        escalationLevel: r.escalationLevel,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        leadOrganizationId: r.leadOrganizationId,
        leadOrganizationName: r.leadOrganizationName,
        dueAt: r.dueAt,
      })),
      overdueTotal: [...(agg?.byCouncil.values() ?? [])].reduce((n, c) => n + c.overdue, 0),
      byOrganization,
      ...(ranking.size ? { byOwner } : {}),
      ...(q.councilId
        ? {}
        : {
            byCouncil: scope.map((c) => ({
              councilId: c.id,
              name: c.name,
              rankPeople: ranking.has(c.id),
              ...withRates(agg?.byCouncil.get(c.id) ?? ZERO_COUNTS),
            })),
          }),
    };
  }

  private async scope(caller: Principal, councilId: string | undefined): Promise<ScopeCouncil[]> {
    if (councilId) {
      const council = await assertSupervises(this.councils, caller, councilId);
      return [{ id: council.id, name: council.name, policy: council.policy }];
    }
    const councils = (await this.repo.supervisedCouncils(caller.id, caller.isAdmin)) as ScopeCouncil[];
    if (!caller.isAdmin && councils.length === 0)
      throw forbidden('SUPERVISION_FORBIDDEN', 'the board is for council chairs, supervisors and administrators');
    return councils;
  }
}
