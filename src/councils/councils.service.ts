import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasCouncilRole, type Principal } from '../common/principal';
import { CalendarService } from '../calendars/calendar.service';
import type { WorkingCalendar } from '../calendars/working-calendar';
import { DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { namingReferences } from '../common/reference-fields';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { canReadCouncil } from './council-access';
import { CouncilRepository, type CouncilSettings } from './council.repository';
import { CouncilChannel, SIGNED_TYPES, type ChannelType } from './council-channel.entity';
import { CouncilMember, CouncilRole, type CouncilRoleName } from './council-role.entity';
import type { CreateChannelDto, CreateCouncilDto, UpdateChannelDto } from './council.dto';
import { Council } from './council.entity';
import { resolvePolicy, validatePolicy, type CouncilPolicy, type EffectivePolicy } from './policy';
import { maskUrl, urlRefusal } from './url-safety';

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

/** The API field that carries each role's holders. */
const ROLE_FIELDS: Record<CouncilRoleName, string> = { chair: 'chairId', secretary: 'secretaryIds', supervisor: 'supervisorIds' };

@Injectable()
export class CouncilsService {
  private readonly contexts = new Map<string, { at: number; value: Promise<CouncilContext | null> }>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly rows: CouncilRepository,
  ) {}

  async create(caller: Principal, body: CreateCouncilDto): Promise<CouncilView> {
    const policy = body.policy === undefined ? {} : this.parsePolicy(body.policy);
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

  async addChannel(caller: Principal, id: string, body: CreateChannelDto): Promise<ChannelView> {
    await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    this.checkChannel(body.type, body.url, body.secret ?? null);
    return this.db.transaction(async (m) => {
      const channel = await m.save(
        m.create(CouncilChannel, {
          councilId: id,
          type: body.type,
          url: body.url,
          name: body.name,
          secret: body.secret ?? null,
          ...(body.kinds ? { kinds: [...new Set(body.kinds)] } : {}),
          ...(body.minLevel !== undefined ? { minLevel: body.minLevel } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        }),
      );
      const saved = await m.findOneByOrFail(CouncilChannel, { id: channel.id });
      const view = channelView(saved, !!body.secret);
      await this.audit.append(m, id, [
        { entityType: 'channel', entityId: channel.id, action: 'channel.created', actorId: caller.id, after: view },
      ]);
      return view;
    });
  }

  async listChannels(caller: Principal, id: string): Promise<{ items: ChannelView[] }> {
    await this.get(caller, id);
    if (!caller.isAdmin && !hasCouncilRole(caller, id, 'chair', 'supervisor'))
      throw forbidden('COUNCIL_ADMIN_CHAIR_OR_SUPERVISOR', 'only an administrator, the chair or a supervisor may see the channels');
    const rows = await this.db
      .getRepository(CouncilChannel)
      .createQueryBuilder('c')
      .addSelect('c.secret')
      .where('c.councilId = :id', { id })
      .orderBy('c.createdAt', 'ASC')
      .getMany();
    return { items: rows.map((c) => channelView(c, !!c.secret)) };
  }

  async updateChannel(caller: Principal, id: string, channelId: string, body: UpdateChannelDto): Promise<ChannelView> {
    await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    return this.db.transaction(async (m) => {
      const before = await m
        .getRepository(CouncilChannel)
        .createQueryBuilder('c')
        .addSelect('c.secret')
        .where('c.id = :channelId AND c.councilId = :id', { channelId, id })
        .setLock('pessimistic_write')
        .getOne();
      if (!before) throw notFound('channel');
      const url = body.url ?? before.url;
      const secret = body.secret !== undefined ? body.secret : before.secret;
      this.checkChannel(before.type, url, secret);
      const changes: Partial<CouncilChannel> = {};
      if (body.url !== undefined) changes.url = body.url;
      if (body.secret !== undefined) changes.secret = body.secret;
      if (body.name !== undefined) changes.name = body.name;
      if (body.kinds !== undefined) changes.kinds = [...new Set(body.kinds)];
      if (body.minLevel !== undefined) changes.minLevel = body.minLevel;
      if (body.enabled !== undefined) changes.enabled = body.enabled;
      // Turning a channel back on clears why delivery had turned it off.
      if (body.enabled === true) Object.assign(changes, { disabledReason: null, disabledAt: null });
      if (Object.keys(changes).length) await m.update(CouncilChannel, { id: channelId }, changes);
      const after = await m.findOneByOrFail(CouncilChannel, { id: channelId });
      const view = channelView(after, !!secret);
      await this.audit.append(m, id, [
        {
          entityType: 'channel',
          entityId: channelId,
          action: 'channel.updated',
          actorId: caller.id,
          before: channelView(before, !!before.secret),
          after: view,
        },
      ]);
      return view;
    });
  }

  /**
   * Delivery turns a channel off by itself when its receiver says it is gone for good (a webhook answering
   * 410 Gone, as Standard Webhooks asks). The reason stays on the channel (`disabledReason`, `disabledAt`)
   * and in the council's audit chain (`channel.disabled`, no actor). Answers false when the channel was
   * already off or is gone: then nothing changes and no event is written.
   */
  async disableChannel(channelId: string, reason: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const before = await m
        .getRepository(CouncilChannel)
        .createQueryBuilder('c')
        .addSelect('c.secret')
        .where('c.id = :channelId', { channelId })
        .setLock('pessimistic_write')
        .getOne();
      if (!before?.enabled) return false;
      await m.update(CouncilChannel, { id: channelId }, { enabled: false, disabledReason: reason.slice(0, 500), disabledAt: at });
      const after = await m.findOneByOrFail(CouncilChannel, { id: channelId });
      await this.audit.append(m, before.councilId, [
        {
          entityType: 'channel',
          entityId: channelId,
          action: 'channel.disabled',
          actorId: null,
          before: channelView(before, !!before.secret),
          after: channelView(after, !!before.secret),
        },
      ]);
      return true;
    });
  }

  async deleteChannel(caller: Principal, id: string, channelId: string): Promise<void> {
    await this.get(caller, id);
    this.assertAdminOrChair(caller, id);
    await this.db.transaction(async (m) => {
      const before = await m.findOneBy(CouncilChannel, { id: channelId, councilId: id });
      if (!before) throw notFound('channel');
      await m.delete(CouncilChannel, { id: channelId });
      await this.audit.append(m, id, [
        { entityType: 'channel', entityId: channelId, action: 'channel.deleted', actorId: caller.id, before: channelView(before, false) },
      ]);
    });
  }

  /** The URL on its vendor's host (or public, for webhooks) and a secret where the messages are signed. */
  private checkChannel(type: ChannelType, url: string, secret: string | null): void {
    const refusal = urlRefusal(type, url, this.config.webhookAllowPrivate);
    if (refusal) throw invalid('url', refusal, type === 'webhook' ? 'publicAddress' : 'vendorHost');
    if (!secret && SIGNED_TYPES.includes(type))
      throw invalid('secret', `is required for a ${type} channel (its messages are signed)`, 'required');
  }

  /** Drops the cached context of a council whose settings changed. */
  forgetContext(councilId: string): void {
    this.contexts.delete(councilId);
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

  /** The role holders of many councils (council_id, person_id, role), in the caller's transaction. */
  roleHoldersOf(m: EntityManager, councilIds: readonly string[]): Promise<CouncilRole[]> {
    return m.find(CouncilRole, { where: { councilId: In([...councilIds]) } });
  }

  /** Every council's id. */
  async allIds(): Promise<string[]> {
    return (await this.db.getRepository(Council).find({ select: { id: true } })).map((c) => c.id);
  }

  /**
   * Reserves `count` consecutive resolution numbers in the council (the row lock serializes
   * registrations of one council) and answers the last one, in the caller's transaction.
   */
  reserveResolutionNumbers(m: EntityManager, councilId: string, count: number): Promise<number> {
    return this.rows.reserveResolutionNumbers(m, councilId, count);
  }

  /**
   * A council's policy, zone and calendar as committed now, and the working calendar's version, in
   * one query (the engine checks a transition's cached context against them).
   */
  settingsIn(m: EntityManager, councilId: string): Promise<CouncilSettings | undefined> {
    return this.rows.settingsIn(m, councilId);
  }

  /** The zone and policy of every council, as stored (the bulletin schedules follow them). */
  async allSchedules(): Promise<{ id: string; policy: CouncilPolicy; timezone: string }[]> {
    return this.db.getRepository(Council).find({ select: { id: true, policy: true, timezone: true } });
  }

  /** The council's member organizations as committed now (not the cached context's). */
  async memberOrganizationIds(councilId: string): Promise<string[]> {
    return (await this.db.getRepository(CouncilMember).find({ where: { councilId } })).map((mm) => mm.organizationId);
  }

  /** A council's context read inside a transaction (so a policy changed in that transaction is seen); not cached. */
  async contextIn(m: EntityManager, councilId: string, changes: Partial<Council> = {}): Promise<CouncilContext> {
    // `changes` about to be written are laid over the row (a policy change replans before it writes).
    const council = Object.assign(await m.findOneByOrFail(Council, { id: councilId }), changes);
    const calendar = await this.calendars.calendar(council.policy?.calendar ?? council.calendar, m);
    const cache = new Map<string, EffectivePolicy>();
    return {
      council,
      memberOrganizationIds: [],
      calendar,
      policyFor: (priority) => {
        if (!cache.has(priority)) cache.set(priority, resolvePolicy(council.policy, priority, council.calendar));
        return cache.get(priority)!;
      },
    };
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

  /** The council as the API shows it, read with `m` (inside a transaction). */
  async view(id: string, m: EntityManager = this.db.manager): Promise<CouncilView> {
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

  parsePolicy(input: unknown): CouncilPolicy {
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

  assertAdminOrChair(caller: Principal, councilId: string): void {
    if (!caller.isAdmin && !hasCouncilRole(caller, councilId, 'chair'))
      throw forbidden('COUNCIL_ADMIN_OR_CHAIR', 'only an administrator or the council chair may do this');
  }

  /**
   * Replaces the members and the role holders given. Unknown ids are refused by the foreign keys
   * (400 naming the field); each role is written by its own statement so the error names its field.
   */
  async writeMembership(m: EntityManager, councilId: string, body: Partial<CreateCouncilDto>): Promise<void> {
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
        await namingReferences('fk_council_roles_person_id', ROLE_FIELDS[role], () =>
          m.insert(
            CouncilRole,
            [...new Set(ids)].map((personId) => ({ councilId, personId, role })),
          ),
        );
    };
    await replace('chair', body.chairId ? [body.chairId] : undefined);
    await replace('secretary', body.secretaryIds);
    await replace('supervisor', body.supervisorIds);
  }
}

export interface ChannelView {
  id: string;
  councilId: string;
  type: ChannelType;
  name: string;
  /** Masked: the token in the query string or path is never shown. */
  url: string;
  hasSecret: boolean;
  kinds: string[];
  minLevel: number;
  enabled: boolean;
  /** Why delivery turned the channel off by itself (a webhook answering 410 Gone); null when it did not. */
  disabledReason: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function channelView(c: CouncilChannel, hasSecret: boolean): ChannelView {
  return {
    id: c.id,
    councilId: c.councilId,
    type: c.type,
    name: c.name,
    url: maskUrl(c.url),
    hasSecret,
    kinds: c.kinds,
    minLevel: c.minLevel,
    enabled: c.enabled,
    disabledReason: c.disabledReason ?? null,
    disabledAt: c.disabledAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
