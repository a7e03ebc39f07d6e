import type { EntityManager } from 'typeorm';
import { invalid } from '../common/domain-error';
import type { ResolutionRepository } from './resolution.repository';

/**
 * The lead unit is not also a co-handler; 400 naming `coOrganizationIds` otherwise. That the
 * organizations and the owner exist is the database's to say (foreign keys, and a trigger for the
 * array): a reference to nothing comes back as a 400 naming the field (common/reference-fields.ts).
 */
export function assertLeadNotCoHandler(refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[] }): void {
  if (refs.coOrganizationIds && refs.leadOrganizationId && refs.coOrganizationIds.includes(refs.leadOrganizationId)) {
    throw invalid('coOrganizationIds', 'must not include the lead organization', 'distinct');
  }
}

/**
 * Checks that the lead and co-handling organizations and the owner belong to the council: the
 * organizations are among its member organizations, the owner works in one of them (DESIGN.md,
 * "Data safety and access"). Read in the caller's transaction, not from the cached council context,
 * so a membership change is seen at once. 400 naming the field otherwise.
 */
export async function assertCouncilMembers(
  rows: ResolutionRepository,
  m: EntityManager,
  councilId: string,
  refs: { leadOrganizationId?: string | null; coOrganizationIds?: string[]; ownerId?: string | null },
): Promise<void> {
  // A reference to nothing is left to the foreign keys, which name it as unknown.
  const named = [refs.leadOrganizationId, ...(refs.coOrganizationIds ?? [])].filter((id): id is string => !!id);
  const { members, known, ownerOrganizationId } = await rows.councilMembership(m, councilId, refs.ownerId ?? null, named);
  const outside = (id: string) => known.has(id) && !members.has(id);
  if (refs.leadOrganizationId && outside(refs.leadOrganizationId))
    throw invalid('leadOrganizationId', 'is not a member organization of this council', 'councilMember');
  const outsider = refs.coOrganizationIds?.find(outside);
  if (outsider)
    throw invalid('coOrganizationIds', `holds ${outsider}, which is not a member organization of this council`, 'councilMember');
  if (refs.ownerId && ownerOrganizationId && !members.has(ownerOrganizationId))
    throw invalid('ownerId', 'must work in a member organization of this council', 'councilMember');
}
