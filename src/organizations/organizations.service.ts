import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diff } from '../audit/event-hash';
import { invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/pagination';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { Organization, type OrganizationKind } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** An unknown parentId or leaderId is refused by the foreign keys: 400 naming the field. */
  async create(body: CreateOrganizationDto, actorId: string | null = null): Promise<Organization> {
    return this.db.transaction(async (m) => {
      const saved = await m.save(Organization, m.create(Organization, body));
      await this.audit.appendDirectory(m, [
        { entityType: 'organization', entityId: saved.id, action: 'organization.created', actorId, after: saved },
      ]);
      return saved;
    });
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

  async update(id: string, body: UpdateOrganizationDto, actorId: string | null = null): Promise<Organization> {
    const org = await this.get(id);
    if (body.parentId === id) throw invalid('parentId', 'must not be the organization itself');
    const before = { ...org };
    Object.assign(org, body);
    return this.db.transaction(async (m) => {
      const saved = await m.save(Organization, org);
      const changed = diff(before, { ...saved });
      if (Object.keys(changed.after).length > 0)
        await this.audit.appendDirectory(m, [
          {
            entityType: 'organization',
            entityId: id,
            action: 'organization.updated',
            actorId,
            before: changed.before,
            after: changed.after,
          },
        ]);
      return saved;
    });
  }

  /** The organization of that name, created (of that kind) when there is none; in the caller's transaction. */
  async findOrCreateByName(m: EntityManager, name: string, kind: OrganizationKind, actorId: string | null = null): Promise<Organization> {
    const org = await m.findOne(Organization, { where: { name } });
    if (org) return org;
    const saved = await m.save(m.create(Organization, { name, kind }));
    await this.audit.appendDirectory(m, [
      { entityType: 'organization', entityId: saved.id, action: 'organization.created', actorId, after: saved },
    ]);
    return saved;
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
