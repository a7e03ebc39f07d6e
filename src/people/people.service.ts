import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../common/principal';
import { hashPassword } from './password';
import { conflict, forbidden, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import type { CreatePersonDto, PreferencesDto, UpdatePersonDto } from './person.dto';
import { DEFAULT_PREFERENCES, Person, type NotificationPreferences } from './person.entity';

export type PersonView = Omit<Person, 'passwordHash' | 'calendarToken' | 'preferences'>;

@Injectable()
export class PeopleService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The public shape of a person: never the password hash or the calendar token. */
  toView(p: Person): PersonView {
    return {
      id: p.id,
      username: p.username,
      name: p.name,
      organizationId: p.organizationId,
      title: p.title,
      email: p.email,
      phone: p.phone,
      dingtalkUserId: p.dingtalkUserId,
      wecomUserId: p.wecomUserId,
      isAdmin: p.isAdmin,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }

  /** The person with this username and their password hash (which no other read selects), for signing in. */
  findWithPasswordHash(username: string): Promise<Person | null> {
    return this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
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
  listNames(): Promise<Pick<Person, 'id' | 'name' | 'username'>[]> {
    return this.db.getRepository(Person).find({ select: { id: true, name: true, username: true } });
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
    } else {
      await m.save(
        m.create(Person, {
          username: admin.username,
          passwordHash: await hashPassword(admin.password),
          name: 'Administrator',
          organizationId: admin.organizationId,
          isAdmin: true,
        }),
      );
    }
  }

  /** An unknown organizationId is refused by the foreign key: 400 naming the field. */
  async create(body: CreatePersonDto): Promise<PersonView> {
    const repo = this.db.getRepository(Person);
    if (await repo.existsBy({ username: body.username })) throw conflict('PERSON_USERNAME_TAKEN', `username "${body.username}" is taken`);
    const { password, ...rest } = body;
    const saved = await repo.save(repo.create({ ...rest, passwordHash: await hashPassword(password), preferences: DEFAULT_PREFERENCES }));
    return this.toView(saved);
  }

  async list(limit = 50, cursor?: string, organizationId?: string): Promise<Page<PersonView>> {
    const after = decodeCursor(cursor, 2);
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .orderBy('p.username')
      .addOrderBy('p.id')
      .take(limit + 1);
    if (after) qb.andWhere('(p.username, p.id) > (:u, :id)', { u: after[0], id: after[1] });
    if (organizationId) qb.andWhere('p.organizationId = :organizationId', { organizationId });
    const rows = await qb.getMany();
    return toPage(
      rows,
      limit,
      (p) => [p.username, p.id],
      (p) => this.toView(p),
    );
  }

  async get(_caller: Principal, id: string): Promise<PersonView> {
    return this.toView(await this.find(id));
  }

  async update(caller: Principal, id: string, body: UpdatePersonDto): Promise<PersonView> {
    const self = caller.id === id;
    if (!caller.isAdmin && !self) throw forbidden('PERSON_UPDATE_FORBIDDEN', 'only an administrator or the person may change this person');
    if (!caller.isAdmin && (body.isAdmin !== undefined || body.organizationId !== undefined)) {
      throw forbidden('PERSON_FIELD_ADMIN_ONLY', 'only an administrator may change isAdmin or organizationId');
    }
    const person = await this.find(id);
    const { password, ...rest } = body;
    Object.assign(person, rest);
    if (password) person.passwordHash = await hashPassword(password);
    return this.toView(await this.db.getRepository(Person).save(person));
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
