import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The people table's SQL beyond plain finds and saves, and the one directory read it needs. */
@Injectable()
export class PersonRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * The member organizations and the role holders of the given councils: whose contact details a
   * chair, secretary or supervisor of them may see. A read-model query of the councils' tables (the
   * councils module depends on people, not the other way round).
   */
  async councilAudience(councilIds: string[]): Promise<{ organizationIds: Set<string>; personIds: Set<string> }> {
    const [orgs, people] = await Promise.all([
      this.db.query<{ id: string }[]>('SELECT DISTINCT organization_id AS id FROM council_members WHERE council_id = ANY($1::uuid[])', [
        councilIds,
      ]),
      this.db.query<{ id: string }[]>('SELECT DISTINCT person_id AS id FROM council_roles WHERE council_id = ANY($1::uuid[])', [
        councilIds,
      ]),
    ]);
    return { organizationIds: new Set(orgs.map((r) => r.id)), personIds: new Set(people.map((r) => r.id)) };
  }

  /** Marks the account disabled (keeping the first instant it was). */
  async disable(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE people SET disabled_at = COALESCE(disabled_at, now()), updated_at = now() WHERE id = $1', [id]);
  }

  /** Moves the person to a new session epoch: tokens carrying an earlier one are refused by the auth guard. */
  async endSessions(m: EntityManager, id: string): Promise<void> {
    await m.query('UPDATE people SET session_epoch = session_epoch + 1 WHERE id = $1', [id]);
  }
}
