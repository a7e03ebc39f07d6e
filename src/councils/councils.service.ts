import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasCouncilRole, type Principal } from '../common/principal';
import { CalendarService } from '../calendars/calendar.service';
import type { WorkingCalendar } from '../calendars/working-calendar';
import { DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { TransactionHook } from '../common/transaction-hook';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { OrganizationsService } from '../organizations/organizations.service';
import { Person } from '../people/person.entity';
import { canReadCouncil } from './council-access';
import { CouncilPolicyHook } from './council-policy.hook';
import { CouncilChannel } from './council-channel.entity';
import { CouncilMember, CouncilRole, type CouncilRoleName } from './council-role.entity';
import type { CreateChannelDto, CreateCouncilDto, UpdateCouncilDto } from './council.dto';
import { Council } from './council.entity';
import { resolvePolicy, validatePolicy, type CouncilPolicy, type EffectivePolicy } from './policy';
import { pointsAtPrivateAddress } from './url-safety';

export interface CouncilView {
  id: string;
  name: string;
  description: string | null;
  timezone: string;
  calendar: string;
  policy: CouncilPolicy;
  memberOrganizationIds: string[];
  chairId: string | null;
  secretaryIds: string[];
  supervisorIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** What judging a resolution's light needs to know about its council. */
export interface CouncilContext {
  council: Council;
  memberOrganizationIds: string[];
  calendar: WorkingCalendar;
  policyFor(priority: string): EffectivePolicy;
}

const CONTEXT_TTL_MS = 5_000;

@Injectable()
export class CouncilsService {
  private readonly contexts = new Map<string, { at: number; value: Promise<CouncilContext | null> }>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly policyHook: CouncilPolicyHook,
  ) {}

  async create(caller: Principal, body: CreateCouncilDto): Promise<CouncilView> {
    const policy = body.policy === undefined ? {} : this.parsePolicy(body.policy);
    await this.checkMembers(body);
    const id = await this.db.transaction(async (m) => {
      const council = await m.save(
        m.create(Council, {
          name: body.name,
          description: body.description ?? null,
          timezone: body.timezone ?? 'Asia/Shanghai',
          calendar: body.calendar ?? policy.calendar ?? 'cn',
          policy,
        }),
      );
      await this.writeMembership(m, council.id, body);
      const view = await this.view(council.id, m);
      await this.audit.append(m, council.id, [
        { entityType: 'council', entityId: council.id, action: 'council.created', actorId: caller.id, after: view },
      ]);
      return council.id;
    });
    return this.view(id);
  }

  async list(caller: Principal): Promise<CouncilView[]> {
    const councils = await this.db.getRepository(Council).find({ order: { name: 'ASC' } });
    const views = await Promise.all(councils.map((c) => this.view(c.id)));
    return views.filter((v) => canReadCouncil(caller, v.id, v.memberOrganizationIds));
  }

  async get(caller: Principal, id: string): Promise<CouncilView> {
    const view = await this.view(id);
    if (!canReadCouncil(caller, id, view.memberOrganizationIds)) throw notFound('council');
    return view;
  }

  async update(caller: Principal, id: string, body: UpdateCouncilDto): Promise<CouncilView> {
    const before = await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    const policy = body.policy === undefined ? undefined : this.parsePolicy(body.policy);
    await this.checkMembers(body);
    const afterCommit = await this.db.transaction(async (m) => {
      const changes: Partial<Council> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.description !== undefined) changes.description = body.description;
      if (body.timezone !== undefined) changes.timezone = body.timezone;
      if (body.calendar !== undefined) changes.calendar = body.calendar;
      if (policy !== undefined) changes.policy = policy;
      if (Object.keys(changes).length) await m.update(Council, id, changes);
      await this.writeMembership(m, id, body);
      const work =
        policy !== undefined || body.timezone !== undefined || body.calendar !== undefined
          ? await this.policyHook.run(m, { councilId: id })
          : [];
      const after = await this.view(id, m);
      await this.audit.append(m, id, [
        { entityType: 'council', entityId: id, action: 'council.updated', actorId: caller.id, before, after },
      ]);
      return work;
    });
    this.contexts.delete(id);
    await TransactionHook.afterCommit(afterCommit);
    return this.view(id);
  }

  async putPolicy(caller: Principal, id: string, input: unknown): Promise<CouncilPolicy> {
    const before = await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    const policy = this.parsePolicy(input);
    const afterCommit = await this.db.transaction(async (m) => {
      await m.update(Council, id, { policy, ...(policy.calendar ? { calendar: policy.calendar } : {}) });
      this.contexts.delete(id);
      const work = await this.policyHook.run(m, { councilId: id });
      await this.audit.append(m, id, [
        {
          entityType: 'council',
          entityId: id,
          action: 'council.policy_changed',
          actorId: caller.id,
          before: { policy: before.policy },
          after: { policy },
        },
      ]);
      return work;
    });
    this.contexts.delete(id);
    await TransactionHook.afterCommit(afterCommit);
    return policy;
  }

  async addChannel(caller: Principal, id: string, body: CreateChannelDto) {
    await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    if (!this.config.webhookAllowPrivate && pointsAtPrivateAddress(body.url)) {
      throw invalid('url', 'points at a private or loopback address (set WEBHOOK_ALLOW_PRIVATE=true to allow)', 'publicAddress');
    }
    return this.db.transaction(async (m) => {
      const channel = await m.save(
        m.create(CouncilChannel, { councilId: id, type: body.type, url: body.url, name: body.name, secret: body.secret ?? null }),
      );
      const { secret: _secret, ...shown } = channel;
      await this.audit.append(m, id, [
        {
          entityType: 'channel',
          entityId: channel.id,
          action: 'channel.created',
          actorId: caller.id,
          after: { ...shown, url: redactUrl(shown.url) },
        },
      ]);
      return { ...shown, url: redactUrl(shown.url), hasSecret: !!channel.secret };
    });
  }

  async listChannels(caller: Principal, id: string) {
    await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    const rows = await this.db.getRepository(CouncilChannel).find({ where: { councilId: id }, order: { createdAt: 'ASC' } });
    return rows.map((c) => ({ ...c, url: redactUrl(c.url) }));
  }

  /** Council, members, calendar and policy resolver, cached for a few seconds per process. */
  async context(councilId: string): Promise<CouncilContext | null> {
    const hit = this.contexts.get(councilId);
    if (hit && Date.now() - hit.at < CONTEXT_TTL_MS) return hit.value;
    const value = this.loadContext(councilId);
    this.contexts.set(councilId, { at: Date.now(), value });
    value.catch(() => this.contexts.delete(councilId));
    return value;
  }

  async roleHolders(councilId: string, role: CouncilRoleName, m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.find(CouncilRole, { where: { councilId, role } });
    return rows.map((r) => r.personId);
  }

  private async loadContext(councilId: string): Promise<CouncilContext | null> {
    const council = await this.db.getRepository(Council).findOneBy({ id: councilId });
    if (!council) return null;
    const members = await this.db.getRepository(CouncilMember).find({ where: { councilId } });
    const calendarKind = council.policy?.calendar ?? council.calendar;
    const calendar = await this.calendars.calendar(calendarKind);
    const cache = new Map<string, EffectivePolicy>();
    return {
      council,
      memberOrganizationIds: members.map((mm) => mm.organizationId),
      calendar,
      policyFor: (priority) => {
        if (!cache.has(priority)) cache.set(priority, resolvePolicy(council.policy, priority, council.calendar));
        return cache.get(priority)!;
      },
    };
  }

  private async view(id: string, m: EntityManager = this.db.manager): Promise<CouncilView> {
    const council = await m.findOneBy(Council, { id });
    if (!council) throw notFound('council');
    const [members, roles] = await Promise.all([
      m.find(CouncilMember, { where: { councilId: id } }),
      m.find(CouncilRole, { where: { councilId: id } }),
    ]);
    const holders = (role: CouncilRoleName) => roles.filter((r) => r.role === role).map((r) => r.personId);
    return {
      id: council.id,
      name: council.name,
      description: council.description,
      timezone: council.timezone,
      calendar: council.calendar,
      policy: council.policy,
      memberOrganizationIds: members.map((mm) => mm.organizationId),
      chairId: holders('chair')[0] ?? null,
      secretaryIds: holders('secretary'),
      supervisorIds: holders('supervisor'),
      createdAt: council.createdAt,
      updatedAt: council.updatedAt,
    };
  }

  private parsePolicy(input: unknown): CouncilPolicy {
    const result = validatePolicy(input);
    if (!result.ok) {
      throw new DomainError(
        'POLICY_INVALID',
        'invalid',
        result.issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        result.issues.map((i) => ({ ...i, rule: 'policy' })),
      );
    }
    return result.policy;
  }

  private assertAdminOrChair(caller: Principal, councilId: string): void {
    if (!caller.isAdmin && !hasCouncilRole(caller, councilId, 'chair'))
      throw forbidden('COUNCIL_ADMIN_OR_CHAIR', 'only an administrator or the council chair may do this');
  }

  private async checkMembers(
    body: Partial<Pick<CreateCouncilDto, 'memberOrganizationIds' | 'chairId' | 'secretaryIds' | 'supervisorIds'>>,
  ): Promise<void> {
    if (body.memberOrganizationIds) await this.organizations.assertExist(body.memberOrganizationIds, 'memberOrganizationIds');
    const fields: [string, string[] | undefined][] = [
      ['chairId', body.chairId ? [body.chairId] : undefined],
      ['secretaryIds', body.secretaryIds],
      ['supervisorIds', body.supervisorIds],
    ];
    for (const [field, ids] of fields) {
      if (!ids?.length) continue;
      const found = await this.db.getRepository(Person).find({ select: { id: true }, where: { id: In([...new Set(ids)]) } });
      const known = new Set(found.map((p) => p.id));
      const missing = ids.find((x) => !known.has(x));
      if (missing) throw invalid(field, `refers to an unknown person ${missing}`, 'exists');
    }
  }

  private async writeMembership(m: EntityManager, councilId: string, body: Partial<CreateCouncilDto>): Promise<void> {
    if (body.memberOrganizationIds) {
      await m.delete(CouncilMember, { councilId });
      await m.insert(
        CouncilMember,
        [...new Set(body.memberOrganizationIds)].map((organizationId) => ({ councilId, organizationId })),
      );
    }
    const replace = async (role: CouncilRoleName, ids: string[] | undefined) => {
      if (ids === undefined) return;
      await m.delete(CouncilRole, { councilId, role });
      if (ids.length)
        await m.insert(
          CouncilRole,
          [...new Set(ids)].map((personId) => ({ councilId, personId, role })),
        );
    };
    await replace('chair', body.chairId ? [body.chairId] : undefined);
    await replace('secretary', body.secretaryIds);
    await replace('supervisor', body.supervisorIds);
  }
}

/** Robot URLs carry their credential in the query string: show only scheme, host and path. */
function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/[^/]{12,}$/, '/…')}${u.search ? '?…' : ''}`;
}
