import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CouncilsService } from '../councils/councils.service';
import type { RecipientRole } from '../councils/policy';
import { OrganizationsService } from '../organizations/organizations.service';

export interface RecipientSubject {
  councilId: string;
  ownerId: string | null;
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
}

/** Recipient roles → people, through the councils' and organizations' services. */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly councils: CouncilsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Resolves recipient roles to people for many resolutions at once (two queries whatever the
   * batch size). Each answer is de-duplicated; a role nobody holds yields no one.
   */
  async resolve(m: EntityManager, items: { subject: RecipientSubject; roles: readonly RecipientRole[] }[]): Promise<string[][]> {
    const councilIds = [...new Set(items.map((i) => i.subject.councilId))];
    const orgIds = [
      ...new Set(items.flatMap((i) => [i.subject.leadOrganizationId, ...i.subject.coOrganizationIds]).filter((x): x is string => !!x)),
    ];
    const [roles, leaderOf] = await Promise.all([
      councilIds.length ? this.councils.roleHoldersOf(m, councilIds) : [],
      this.organizations.leadersOf(m, orgIds),
    ]);
    const holders = (councilId: string, role: string) =>
      roles.filter((r) => r.councilId === councilId && r.role === role).map((r) => r.personId);
    return items.map(({ subject: s, roles: wanted }) => {
      const people = new Set<string>();
      for (const role of wanted) {
        switch (role) {
          case 'owner':
            if (s.ownerId) people.add(s.ownerId);
            break;
          case 'leadLeader': {
            const leader = s.leadOrganizationId ? leaderOf.get(s.leadOrganizationId) : null;
            if (leader) people.add(leader);
            break;
          }
          case 'coLeaders':
            for (const id of s.coOrganizationIds) {
              const leader = leaderOf.get(id);
              if (leader) people.add(leader);
            }
            break;
          case 'supervisors':
            holders(s.councilId, 'supervisor').forEach((p) => people.add(p));
            break;
          case 'chair':
            holders(s.councilId, 'chair').forEach((p) => people.add(p));
            break;
          case 'secretaries':
            holders(s.councilId, 'secretary').forEach((p) => people.add(p));
            break;
        }
      }
      return [...people];
    });
  }
}
