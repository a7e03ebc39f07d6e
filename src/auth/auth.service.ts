import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import { verifyPassword } from '../people/password';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly jwt: JwtService,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string) {
    const person = await this.people.findWithPasswordHash(username);
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
      if (await this.people.anyAdmin(m)) return;
      const org = await this.organizations.findOrCreateByName(m, '系统管理 System administration', 'other');
      await this.people.makeAdmin(m, { username: this.config.adminUsername, password: this.config.adminPassword, organizationId: org.id });
      this.logger.log(`created the first admin "${this.config.adminUsername}"`);
    });
  }
}

const UNKNOWN_USER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0nE3KWFkzoBzR4YN0nJ0ZxwFCsMnMBtUTlkFC3oAQ7o';
