import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/event-hash';
import type { Principal } from '../common/principal';
import { PersonRepository } from './person.repository';
import { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-rule';
import { conflict, DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import type { CreatePersonDto, PreferencesDto, UpdatePersonDto } from './person.dto';
import { DEFAULT_PREFERENCES, Person, type NotificationPreferences } from './person.entity';

export type PersonView = Omit<Person, 'passwordHash' | 'calendarToken' | 'preferences' | 'sessionEpoch'> & {
  /** True when email, phone and IM ids are withheld from this caller (they read null). */
  contactHidden: boolean;
};

/** Who may see a person's contact details: see `contactAudience`. */
type ContactAudience = (p: Pick<Person, 'id' | 'organizationId'>) => boolean;
const EVERYONE: ContactAudience = () => true;

@Injectable()
export class PeopleService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
    private readonly rows: PersonRepository,
  ) {}

  /** One directory event about a person (never their password hash, token or epoch: `toView` leaves them out). */
  private event(m: EntityManager, actorId: string | null, personId: string, action: string, before?: unknown, after?: unknown) {
    return this.audit.appendDirectory(m, [{ entityType: 'person', entityId: personId, action, actorId, before, after }]);
  }

  /**
   * The public shape of a person: never the password hash or the calendar token; contact details
   * (email, phone, IM ids) only when `audience` lets the caller see them.
   */
  toView(p: Person, audience: ContactAudience = EVERYONE): PersonView {
    const shown = audience(p);
    return {
      id: p.id,
      username: p.username,
      name: p.name,
      organizationId: p.organizationId,
      title: p.title,
      email: shown ? p.email : null,
      phone: shown ? p.phone : null,
      dingtalkUserId: shown ? p.dingtalkUserId : null,
      wecomUserId: shown ? p.wecomUserId : null,
      contactHidden: !shown,
      isAdmin: p.isAdmin,
      disabledAt: p.disabledAt ?? null,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }

  /**
   * The person with this username, their password hash and session epoch (which no other read
   * selects), for signing in: the token carries the epoch.
   */
  findWithPasswordHash(username: string): Promise<Person | null> {
    return this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect(['p.passwordHash', 'p.sessionEpoch'])
      .where('p.username = :username', { username })
      .getOne();
  }

  /** Which of `ids` are people at all (read with `m` inside a transaction). */
  async existing(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const found = await m.find(Person, { select: { id: true }, where: { id: In(unique) } });
    return new Set(found.map((p) => p.id));
  }

  /** Which of `ids` are people of one of `organizationIds` (inspectors must be of the council's member organizations). */
  async inOrganizations(
    ids: readonly string[],
    organizationIds: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || organizationIds.length === 0) return new Set();
    const found = await m.find(Person, { select: { id: true }, where: { id: In(unique), organizationId: In([...organizationIds]) } });
    return new Set(found.map((p) => p.id));
  }

  /** Every person's id, name and username (the importer matches names). */
  listNames(): Promise<Pick<Person, 'id' | 'name' | 'username' | 'organizationId'>[]> {
    return this.db.getRepository(Person).find({ select: { id: true, name: true, username: true, organizationId: true } });
  }

  /** The person with their iCalendar secret (which no other read selects), for the deadline feed. */
  findWithCalendarToken(id: string): Promise<Person | null> {
    return this.db.getRepository(Person).createQueryBuilder('p').addSelect('p.calendarToken').where('p.id = :id', { id }).getOne();
  }

  async anyAdmin(m: EntityManager): Promise<boolean> {
    return (await m.count(Person, { where: { isAdmin: true } })) > 0;
  }

  /** Makes `username` an administrator, creating the account (named "Administrator") when it does not exist. */
  async makeAdmin(m: EntityManager, admin: { username: string; password: string; organizationId: string }): Promise<void> {
    const existing = await m.findOne(Person, { where: { username: admin.username } });
    if (existing) {
      await m.update(Person, existing.id, { isAdmin: true });
      if (!existing.isAdmin) await this.event(m, null, existing.id, 'person.admin_granted', { isAdmin: false }, { isAdmin: true });
    } else {
      const created = await m.save(
        m.create(Person, {
          username: admin.username,
          passwordHash: await hashPassword(admin.password),
          name: 'Administrator',
          organizationId: admin.organizationId,
          isAdmin: true,
        }),
      );
      await this.event(m, null, created.id, 'person.created', null, this.toView(created));
    }
  }

  /** An unknown organizationId is refused by the foreign key: 400 naming the field. */
  async create(body: CreatePersonDto, actorId: string | null = null): Promise<PersonView> {
    const repo = this.db.getRepository(Person);
    if (await repo.existsBy({ username: body.username })) throw conflict('PERSON_USERNAME_TAKEN', `username "${body.username}" is taken`);
    const { password, ...rest } = body;
    assertPasswordRule(password, body.username);
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (m) => {
      const saved = await m.save(Person, m.create(Person, { ...rest, passwordHash, preferences: DEFAULT_PREFERENCES }));
      const view = this.toView(saved);
      await this.event(m, actorId, saved.id, 'person.created', null, view);
      return view;
    });
  }

  async list(caller: Principal, limit = 50, cursor?: string, organizationId?: string): Promise<Page<PersonView>> {
    const after = decodeCursor(cursor, 2);
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .orderBy('p.username')
      .addOrderBy('p.id')
      .take(limit + 1);
    if (after) qb.andWhere('(p.username, p.id) > (:u, :id)', { u: after[0], id: after[1] });
    if (organizationId) qb.andWhere('p.organizationId = :organizationId', { organizationId });
    const [rows, audience] = await Promise.all([qb.getMany(), this.contactAudience(caller)]);
    return toPage(
      rows,
      limit,
      (p) => [p.username, p.id],
      (p) => this.toView(p, audience),
    );
  }

  async get(caller: Principal, id: string): Promise<PersonView> {
    const [person, audience] = await Promise.all([this.find(id), this.contactAudience(caller)]);
    return this.toView(person, audience);
  }

  /**
   * Contact details are for the person, admins, and the chair, secretaries and supervisors of a
   * council the person belongs to (through a member organization or a role in it): the people who
   * chase the person's items. Colleagues and other councils' members see the name, unit and title.
   */
  async contactAudience(caller: Principal): Promise<ContactAudience> {
    if (caller.isAdmin) return EVERYONE;
    // Every council role (chair, secretary, supervisor) is one that chases items.
    const councils = [...caller.councilRoles.keys()];
    if (councils.length === 0) return (p) => p.id === caller.id;
    const { organizationIds, personIds } = await this.rows.councilAudience(councils);
    return (p) => p.id === caller.id || organizationIds.has(p.organizationId) || personIds.has(p.id);
  }

  async update(caller: Principal, id: string, body: UpdatePersonDto): Promise<PersonView> {
    const self = caller.id === id;
    if (!caller.isAdmin && !self) throw forbidden('PERSON_UPDATE_FORBIDDEN', 'only an administrator or the person may change this person');
    if (!caller.isAdmin && (body.isAdmin !== undefined || body.organizationId !== undefined)) {
      throw forbidden('PERSON_FIELD_ADMIN_ONLY', 'only an administrator may change isAdmin or organizationId');
    }
    const person = await this.find(id);
    const { password, currentPassword, ...rest } = body;
    if (currentPassword !== undefined && password === undefined)
      throw invalid('currentPassword', 'is only used together with password', 'withPassword');
    let passwordHash: string | undefined;
    if (password !== undefined) {
      // Someone else's password is an admin reset; one's own needs the current one, so that a
      // stolen token cannot turn into the account itself.
      if (self) await this.assertCurrentPassword(person, currentPassword);
      assertPasswordRule(password, person.username);
      passwordHash = await hashPassword(password);
    }
    const before = this.toView(person);
    Object.assign(person, rest);
    return this.db.transaction(async (m) => {
      if (passwordHash) person.passwordHash = passwordHash;
      const saved = await m.save(Person, person);
      // A new password ends every session opened with the old one, the caller's own included.
      if (passwordHash) await this.rows.endSessions(m, id);
      const view = this.toView(saved);
      // Admin grants and password changes are events of their own; other fields one `person.updated`.
      const { isAdmin: wasAdmin, ...restBefore } = before;
      const { isAdmin, ...restAfter } = view;
      const changed = diff(restBefore, restAfter);
      if (Object.keys(changed.after).length > 0) await this.event(m, caller.id, id, 'person.updated', changed.before, changed.after);
      if (wasAdmin !== isAdmin)
        await this.event(m, caller.id, id, isAdmin ? 'person.admin_granted' : 'person.admin_revoked', { isAdmin: wasAdmin }, { isAdmin });
      if (passwordHash)
        await this.event(m, caller.id, id, self ? 'person.password_changed' : 'person.password_reset', null, { sessionsEnded: true });
      return view;
    });
  }

  /** Disables an account: it cannot sign in and its sessions end at once; its items stay. */
  async disable(caller: Principal, id: string): Promise<PersonView> {
    if (caller.id === id) throw conflict('PERSON_DISABLE_SELF', 'an administrator may not disable their own account');
    await this.find(id);
    await this.db.transaction(async (m) => {
      await this.rows.disable(m, id);
      await this.rows.endSessions(m, id);
      await this.event(m, caller.id, id, 'person.disabled', null, { sessionsEnded: true });
    });
    return this.toView(await this.find(id));
  }

  async enable(id: string, actorId: string | null = null): Promise<PersonView> {
    await this.find(id);
    await this.db.transaction(async (m) => {
      await m.update(Person, id, { disabledAt: null });
      await this.event(m, actorId, id, 'person.enabled');
    });
    return this.toView(await this.find(id));
  }

  /** Logout: every token issued to the person so far stops working. */
  async endSessions(id: string): Promise<void> {
    await this.rows.endSessions(this.db.manager, id);
  }

  private async assertCurrentPassword(person: Person, currentPassword: string | undefined): Promise<void> {
    if (currentPassword === undefined) throw invalid('currentPassword', 'is required to change your own password', 'required');
    // A wrong current password counts as a failed sign-in of the account (429 once spent).
    await this.limiter.assertNotBlocked(person.username);
    const row = await this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('p.id = :id', { id: person.id })
      .getOneOrFail();
    if (await verifyPassword(row.passwordHash, currentPassword)) return;
    await this.limiter.failedCheck(person.username);
    throw new DomainError('PERSON_CURRENT_PASSWORD_WRONG', 'forbidden', 'currentPassword is not the current password', [
      { field: 'currentPassword', rule: 'matches', message: 'currentPassword is not the current password' },
    ]);
  }

  async getPreferences(caller: Principal, id: string): Promise<NotificationPreferences> {
    this.assertSelfOrAdmin(caller, id);
    return (await this.find(id)).preferences;
  }

  async putPreferences(caller: Principal, id: string, body: PreferencesDto): Promise<NotificationPreferences> {
    this.assertSelfOrAdmin(caller, id);
    await this.find(id);
    const preferences: NotificationPreferences = { channels: { ...body.channels } };
    if (body.quietHours !== undefined)
      preferences.quietHours = body.quietHours && { start: body.quietHours.start, end: body.quietHours.end };
    if (body.urgentBypass !== undefined) preferences.urgentBypass = body.urgentBypass;
    if (body.digest !== undefined) preferences.digest = body.digest && { at: body.digest.at };
    if (body.locale !== undefined) preferences.locale = body.locale;
    await this.db.getRepository(Person).update(id, { preferences });
    return preferences;
  }

  /** Returns the person's iCalendar token, creating one on first use. */
  async calendarToken(caller: Principal, id: string): Promise<{ token: string }> {
    this.assertSelfOrAdmin(caller, id);
    const row = await this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect('p.calendarToken')
      .where('p.id = :id', { id })
      .getOne();
    if (!row) throw notFound('person');
    if (row.calendarToken) return { token: row.calendarToken };
    const token = randomBytes(24).toString('base64url');
    await this.db.getRepository(Person).update(id, { calendarToken: token });
    return { token };
  }

  /** Replaces the person's iCalendar token: feeds subscribed with the old one get 404 from now on. */
  async rotateCalendarToken(caller: Principal, id: string): Promise<{ token: string }> {
    this.assertSelfOrAdmin(caller, id);
    const token = randomBytes(24).toString('base64url');
    await this.db.transaction(async (m) => {
      const result = await m.update(Person, id, { calendarToken: token });
      if (!result.affected) throw notFound('person');
      await this.event(m, caller.id, id, 'person.calendar_token_rotated');
    });
    return { token };
  }

  private assertSelfOrAdmin(caller: Principal, id: string): void {
    // Someone else's preferences are not theirs to see: 404, so existence does not leak.
    if (!caller.isAdmin && caller.id !== id) throw notFound('person');
  }

  private async find(id: string): Promise<Person> {
    const person = await this.db.getRepository(Person).findOneBy({ id });
    if (!person) throw notFound('person');
    return person;
  }
}

/** 400 naming `password` when a new password breaks the rule (password-rule.ts). */
function assertPasswordRule(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid('password', problem, 'passwordRule');
}
