import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { hashPassword, verifyPassword } from '../people/password';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly jwt: JwtService,
    private readonly people: PeopleService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const person = await this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .addSelect('p.passwordHash')
      .where('p.username = :username', { username })
      .getOne();
    // Verify against a fixed hash when the user is unknown, so timing does not reveal who exists.
    const ok = await verifyPassword(person?.passwordHash ?? UNKNOWN_USER_HASH, password);
    if (!person || !ok) throw new DomainError('AUTH_INVALID_CREDENTIALS', 'unauthenticated', 'wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: person.id });
    return { accessToken, user: this.people.toView(person) };
  }

  /** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists yet. */
  async onApplicationBootstrap(): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['duban:first-admin']);
      const admins = await m.count(Person, { where: { isAdmin: true } });
      if (admins > 0) return;
      let org = await m.findOne(Organization, { where: { name: '系统管理 System administration' } });
      org ??= await m.save(m.create(Organization, { name: '系统管理 System administration', kind: 'other' }));
      const existing = await m.findOne(Person, { where: { username: this.config.adminUsername } });
      if (existing) {
        await m.update(Person, existing.id, { isAdmin: true });
      } else {
        await m.save(
          m.create(Person, {
            username: this.config.adminUsername,
            passwordHash: await hashPassword(this.config.adminPassword),
            name: 'Administrator',
            organizationId: org.id,
            isAdmin: true,
          }),
        );
      }
      this.logger.log(`created the first admin "${this.config.adminUsername}"`);
    });
  }
}

const UNKNOWN_USER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0nE3KWFkzoBzR4YN0nJ0ZxwFCsMnMBtUTlkFC3oAQ7o';
