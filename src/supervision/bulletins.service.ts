import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasCouncilRole, type Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { DomainError, forbidden, notFound } from '../common/domain-error';
import { decodeCursor, toPage } from '../common/pagination';
import { CouncilsService, type CouncilView } from '../councils/councils.service';
import { NotificationsService } from '../notifications/notifications.service';
import { daysOverdue } from '../resolutions/resolution-light';
import type { BulletinContent } from './bulletin-content';
import { Bulletin } from './bulletin.entity';
import type { CreateBulletinDto, ListBulletinsQuery } from './dto/bulletin.dto';
import { compareUnits, withRates } from './figures';
import { parsePeriod } from './period';
import { bulletinTitle } from './render/sections';
import { assertSupervises } from './supervision-access';
import { SupervisionRepository } from './supervision.repository';

/** A scheduled bulletin with no earlier one covers the last 7 days (DESIGN.md). */
const DEFAULT_SCHEDULED_DAYS = 7;

export function bulletinView(b: Bulletin) {
  return {
    id: b.id,
    councilId: b.councilId,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    source: b.source,
    createdAt: b.createdAt,
    summary: b.summary,
  };
}

/** 督查通报: computed once for a period, stored as a snapshot, rendered on demand in any format. */
@Injectable()
export class BulletinsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly repo: SupervisionRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async create(caller: Principal, councilId: string, body: CreateBulletinDto) {
    const council = await this.councils.get(caller, councilId);
    if (!hasCouncilRole(caller, councilId, 'supervisor'))
      throw forbidden('BULLETIN_SUPERVISOR_ONLY', 'only a supervisor of the council may issue a bulletin');
    const period = parsePeriod(body.periodStart, body.periodEnd, council.timezone, { start: 'periodStart', end: 'periodEnd' });
    const content = await this.compute(council, period.start, period.end);
    const saved = await this.db.transaction(async (m) => {
      const row = await m.save(
        m.create(Bulletin, {
          councilId,
          periodStart: period.start,
          periodEnd: period.end,
          source: 'manual',
          createdById: caller.id,
          summary: content.summary,
          content,
        }),
      );
      await this.notify(m, council, row, content);
      return row;
    });
    return bulletinView(saved);
  }

  /**
   * The bulletin of one scheduled firing: from the end of the previous bulletin (else 7 days back)
   * to `firedAt`. The unique key (council, period end) of scheduled bulletins makes a second worker
   * handling the same firing a no-op. Answers the new bulletin's id, or null when it already existed.
   */
  async generateScheduled(councilId: string, firedAt: Date): Promise<string | null> {
    const ctx = await this.councils.context(councilId);
    if (!ctx) return null;
    const council = {
      id: ctx.council.id,
      name: ctx.council.name,
      timezone: ctx.council.timezone,
      memberOrganizationIds: ctx.memberOrganizationIds,
    };
    const previous = await this.db.getRepository(Bulletin).findOne({ where: { councilId }, order: { periodEnd: 'DESC' } });
    const start =
      previous && previous.periodEnd.getTime() < firedAt.getTime()
        ? previous.periodEnd
        : new Date(firedAt.getTime() - DEFAULT_SCHEDULED_DAYS * 86_400_000);
    const content = await this.compute(council, start, firedAt);
    return this.db.transaction(async (m) => {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(Bulletin)
        .values({
          councilId,
          periodStart: start,
          periodEnd: firedAt,
          source: 'scheduled',
          createdById: null,
          summary: content.summary,
          content,
        })
        .orIgnore()
        .returning(['id', 'createdAt'])
        .execute();
      const row = (inserted.raw as { id: string }[])[0];
      if (!row) return null;
      const saved = await m.findOneByOrFail(Bulletin, { id: row.id });
      await this.notify(m, council, saved, content);
      return saved.id;
    });
  }

  async list(caller: Principal, councilId: string, q: ListBulletinsQuery) {
    await assertSupervises(this.councils, caller, councilId);
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, 2, ['instant', 'uuid']);
    const qb = this.db.getRepository(Bulletin).createQueryBuilder('b').where('b.councilId = :councilId', { councilId });
    if (after) qb.andWhere('(b.createdAt, b.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, (b) => [b.createdAt.toISOString(), b.id], bulletinView);
  }

  /** A bulletin the caller may read (its council's chair, supervisors, admins); 404 for anyone who cannot see the council. */
  async get(caller: Principal, id: string): Promise<Bulletin> {
    const bulletin = await this.db.getRepository(Bulletin).findOneBy({ id });
    if (!bulletin) throw notFound('bulletin');
    try {
      await assertSupervises(this.councils, caller, bulletin.councilId);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not_found') throw notFound('bulletin');
      throw err;
    }
    return bulletin;
  }

  /** The figures of a period, judged at its end (or now, if sooner). */
  async compute(
    council: Pick<CouncilView, 'id' | 'name' | 'timezone' | 'memberOrganizationIds'>,
    start: Date,
    end: Date,
  ): Promise<BulletinContent> {
    const now = this.clock.now();
    const at = end.getTime() < now.getTime() ? end : now;
    const f = await this.repo.bulletinFigures(council.id, start, at);
    const orgIds = [...new Set([...council.memberOrganizationIds, ...f.unitCounts.keys()])];
    const names = await this.repo.names('organizations', orgIds);
    const iso = (d: Date) => new Date(d).toISOString();
    return {
      councilId: council.id,
      councilName: council.name,
      timezone: council.timezone,
      periodStart: iso(start),
      periodEnd: iso(end),
      asOf: iso(at),
      summary: f.summary,
      overdue: f.overdue.map((o) => ({
        resolutionId: o.id,
        number: o.number,
        title: o.title,
        daysOverdue: daysOverdue({ status: 'in_progress', dueAt: o.dueAt }, at),
        escalationLevel: o.escalationLevel,
        ownerId: o.ownerId,
        ownerName: o.ownerName,
        leadOrganizationId: o.leadOrganizationId,
        leadOrganizationName: o.leadOrganizationName,
        dueAt: iso(o.dueAt),
      })),
      byOrganization: orgIds
        .map((organizationId) => ({
          organizationId,
          name: names.get(organizationId) ?? '',
          ...withRates(
            f.unitCounts.get(organizationId) ?? {
              open: 0,
              overdue: 0,
              overdueOriginal: 0,
              closed: 0,
              closedOnTime: 0,
              closedOnTimeOriginal: 0,
              coHandled: 0,
            },
          ),
        }))
        .sort(compareUnits),
      missedReports: f.missed.map((m) => ({
        resolutionId: m.resolution_id,
        number: m.number,
        title: m.title,
        ownerName: m.owner_name,
        leadOrganizationName: m.org_name,
        missedAt: iso(m.at),
      })),
      checks: f.checks.map((c) => ({
        checkId: c.id,
        resolutionId: c.resolution_id,
        number: c.number,
        title: c.title,
        checkedAt: iso(c.checked_at),
        method: c.method,
        rating: c.rating,
        findings: c.findings,
        inspectors: c.inspectors,
      })),
    };
  }

  /** The chair and the supervisors get a `bulletin` notification with the link to the bulletin. */
  private async notify(m: EntityManager, council: Pick<CouncilView, 'id'>, b: Bulletin, content: BulletinContent): Promise<void> {
    const people = new Set([
      ...(await this.councils.roleHolders(council.id, 'chair', m)),
      ...(await this.councils.roleHolders(council.id, 'supervisor', m)),
    ]);
    const link = `/api/v1/bulletins/${b.id}?format=html`;
    await this.notifications.createMany(
      m,
      [...people].map((personId) => ({
        personId,
        sourceKey: `bulletin:${b.id}`,
        kind: 'bulletin' as const,
        councilId: council.id,
        resolutionId: null,
        title: bulletinTitle(content),
        body: `新增${content.summary.new}项，办结${content.summary.closed}项（按期${content.summary.closedOnTime}项），逾期${content.summary.overdue}项。查看：${link}`,
      })),
      this.clock.now(),
    );
  }
}
