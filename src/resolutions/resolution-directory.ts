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

/**
 * Checks that the lead and co-handling organizations and the owner belong to the council: the
 * organizations are among its member organizations, the owner works in one of them (DESIGN.md,
 * "Data safety and access"). Read in the caller's transaction, not from the cached council context,
 * so a membership change is seen at once. 400 naming the field otherwise.
 */
export async function assertCouncilMembers(
  m: EntityManager,
  councilId: string,
  refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[]; ownerId?: string | null },
): Promise<void> {
  const rows: { organization_id: string }[] = await m.query('SELECT organization_id FROM council_members WHERE council_id = $1', [
    councilId,
  ]);
  const members = new Set(rows.map((r) => r.organization_id));
  if (refs.leadOrganizationId && !members.has(refs.leadOrganizationId))
    throw invalid('leadOrganizationId', 'is not a member organization of this council', 'councilMember');
  const outsider = refs.coOrganizationIds?.find((id) => !members.has(id));
  if (outsider)
    throw invalid('coOrganizationIds', `holds ${outsider}, which is not a member organization of this council`, 'councilMember');
  if (refs.ownerId) {
    const owner = await m.findOne(Person, { select: { id: true, organizationId: true }, where: { id: refs.ownerId } });
    if (owner && !members.has(owner.organizationId))
      throw invalid('ownerId', 'must work in a member organization of this council', 'councilMember');
  }
}
