import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CouncilRoleName } from '../common/principal';

export interface PrincipalRow {
  id: string;
  username: string;
  name: string;
  organization_id: string;
  is_admin: boolean;
  led: string[] | null;
  roles: { c: string; r: CouncilRoleName }[] | null;
}

/**
 * The caller as every request needs them: the person, the organizations they lead and their council
 * roles, in one query. It reads three modules' tables (people, organizations, council_roles) on
 * purpose: it runs on every request, and one round trip instead of three is what the HTTP
 * benchmarks measured. auth sits above all three, and this read model is the only SQL here.
 */
@Injectable()
export class PrincipalRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async load(personId: string): Promise<PrincipalRow | undefined> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT p.id, p.username, p.name, p.organization_id, p.is_admin,
              (SELECT array_agg(o.id) FROM organizations o WHERE o.leader_id = p.id) AS led,
              (SELECT json_agg(json_build_object('c', cr.council_id, 'r', cr.role)) FROM council_roles cr WHERE cr.person_id = p.id) AS roles
         FROM people p WHERE p.id = $1`,
      [personId],
    );
    return rows[0];
  }
}
