import { In, type EntityManager } from 'typeorm';
import { CouncilRole } from '../councils/council-role.entity';
import type { RecipientRole } from '../councils/policy';
import { Organization } from '../organizations/organization.entity';

export interface RecipientSubject {
  councilId: string;
  ownerId: string | null;
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
}

/**
 * Resolves recipient roles to people for many resolutions at once (two queries whatever the
 * batch size). Each answer is de-duplicated; a role nobody holds yields no one.
 */
export async function resolveRecipients(
  m: EntityManager,
  items: { subject: RecipientSubject; roles: readonly RecipientRole[] }[],
): Promise<string[][]> {
  const councilIds = [...new Set(items.map((i) => i.subject.councilId))];
  const orgIds = [
    ...new Set(items.flatMap((i) => [i.subject.leadOrganizationId, ...i.subject.coOrganizationIds]).filter((x): x is string => !!x)),
  ];
  const [roles, orgs] = await Promise.all([
    councilIds.length ? m.find(CouncilRole, { where: { councilId: In(councilIds) } }) : [],
    orgIds.length ? m.find(Organization, { select: { id: true, leaderId: true }, where: { id: In(orgIds) } }) : [],
  ]);
  const leaderOf = new Map(orgs.map((o) => [o.id, o.leaderId]));
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
