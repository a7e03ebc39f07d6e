import { In, type EntityManager } from 'typeorm';
import { invalid } from '../common/domain-error';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../people/person.entity';

/** Checks that the organizations and people a resolution names exist; 400 naming the field otherwise. */
export async function assertReferences(
  m: EntityManager,
  refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[]; ownerId?: string | null },
): Promise<void> {
  const orgIds = [...new Set([refs.leadOrganizationId, ...(refs.coOrganizationIds ?? [])].filter((x): x is string => !!x))];
  if (orgIds.length) {
    const found = new Set((await m.find(Organization, { select: { id: true }, where: { id: In(orgIds) } })).map((o) => o.id));
    if (refs.leadOrganizationId && !found.has(refs.leadOrganizationId))
      throw invalid('leadOrganizationId', 'refers to an unknown organization', 'exists');
    const missing = refs.coOrganizationIds?.find((id) => !found.has(id));
    if (missing) throw invalid('coOrganizationIds', `refers to an unknown organization ${missing}`, 'exists');
  }
  if (refs.coOrganizationIds && refs.leadOrganizationId && refs.coOrganizationIds.includes(refs.leadOrganizationId)) {
    throw invalid('coOrganizationIds', 'must not include the lead organization', 'distinct');
  }
  if (refs.ownerId && !(await m.existsBy(Person, { id: refs.ownerId }))) throw invalid('ownerId', 'refers to an unknown person', 'exists');
}
