import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import { LeaderDirectory } from './leader-directory';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { Organization, type OrganizationKind } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly leaders: LeaderDirectory,
  ) {}

  async create(body: CreateOrganizationDto): Promise<Organization> {
    await this.checkReferences(body);
    return this.db.getRepository(Organization).save(this.db.getRepository(Organization).create(body));
  }

  async list(limit = 50, cursor?: string): Promise<Page<Organization>> {
    const after = decodeCursor(cursor, 2);
    const qb = this.db
      .getRepository(Organization)
      .createQueryBuilder('o')
      .orderBy('o.name')
      .addOrderBy('o.id')
      .take(limit + 1);
    if (after) qb.where('(o.name, o.id) > (:name, :id)', { name: after[0], id: after[1] });
    const rows = await qb.getMany();
    return toPage(
      rows,
      limit,
      (o) => [o.name, o.id],
      (o) => o,
    );
  }

  async get(id: string): Promise<Organization> {
    const org = await this.db.getRepository(Organization).findOneBy({ id });
    if (!org) throw notFound('organization');
    return org;
  }

  async update(id: string, body: UpdateOrganizationDto): Promise<Organization> {
    const org = await this.get(id);
    if (body.parentId === id) throw invalid('parentId', 'must not be the organization itself');
    await this.checkReferences(body);
    Object.assign(org, body);
    return this.db.getRepository(Organization).save(org);
  }

  /** The organization of that name, created (of that kind) when there is none; in the caller's transaction. */
  async findOrCreateByName(m: EntityManager, name: string, kind: OrganizationKind): Promise<Organization> {
    const org = await m.findOne(Organization, { where: { name } });
    return org ?? m.save(m.create(Organization, { name, kind }));
  }

  /** Throws a 400 naming the first id in `ids` that is not an organization. */
  async assertExist(ids: string[], field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await this.db.getRepository(Organization).find({ select: { id: true }, where: { id: In(unique) } });
    const known = new Set(found.map((o) => o.id));
    const missing = unique.find((id) => !known.has(id));
    if (missing) throw invalid(field, `refers to an unknown organization ${missing}`, 'exists');
  }

  private async checkReferences(body: { parentId?: string | null; leaderId?: string | null }): Promise<void> {
    if (body.parentId) await this.assertExist([body.parentId], 'parentId');
    if (body.leaderId && !(await this.leaders.personExists(body.leaderId))) {
      throw invalid('leaderId', 'refers to an unknown person', 'exists');
    }
  }
}
