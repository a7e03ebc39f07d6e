import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { Organization, type OrganizationKind } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** An unknown parentId or leaderId is refused by the foreign keys: 400 naming the field. */
  async create(body: CreateOrganizationDto): Promise<Organization> {
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
    Object.assign(org, body);
    return this.db.getRepository(Organization).save(org);
  }

  /** The organization of that name, created (of that kind) when there is none; in the caller's transaction. */
  async findOrCreateByName(m: EntityManager, name: string, kind: OrganizationKind): Promise<Organization> {
    const org = await m.findOne(Organization, { where: { name } });
    return org ?? m.save(m.create(Organization, { name, kind }));
  }

  /** Every organization's id and name (the importer matches names). */
  listNames(): Promise<Pick<Organization, 'id' | 'name'>[]> {
    return this.db.getRepository(Organization).find({ select: { id: true, name: true } });
  }

  /** Organization id → its leader (or null), for the given organizations, in one query. */
  async leadersOf(m: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const orgs = await m.find(Organization, { select: { id: true, leaderId: true }, where: { id: In([...ids]) } });
    return new Map(orgs.map((o) => [o.id, o.leaderId]));
  }
}
