import type { Principal } from '../common/principal';
import type { Actor } from './resolution-workflow';

export interface AccessSubject {
  councilId: string;
  ownerId: string | null;
  leadOrganizationId: string | null;
  coOrganizationIds: string[];
}

/** Every capacity in which the caller stands to a resolution; empty means they may not see it. */
export function actorsFor(p: Principal, r: AccessSubject): Set<Actor> {
  const actors = new Set<Actor>();
  if (p.isAdmin) actors.add('admin');
  for (const role of p.councilRoles.get(r.councilId) ?? []) actors.add(role);
  if (r.ownerId === p.id) actors.add('owner');
  if (r.leadOrganizationId) {
    if (p.organizationId === r.leadOrganizationId) actors.add('lead_member');
    if (p.ledOrganizationIds.includes(r.leadOrganizationId)) actors.add('lead_leader');
  }
  if (r.coOrganizationIds.includes(p.organizationId)) actors.add('co_handler');
  if (r.coOrganizationIds.some((id) => p.ledOrganizationIds.includes(id))) actors.add('co_leader');
  return actors;
}

/** The same rule as SQL over alias `r`, for lists. Parameters: viewerIsAdmin, viewerCouncils, viewerId, viewerOrgs. */
export const VISIBLE_TO_VIEWER_SQL = `(:viewerIsAdmin OR r.council_id = ANY(:viewerCouncils::uuid[]) OR r.owner_id = :viewerId
  OR r.lead_organization_id = ANY(:viewerOrgs::uuid[]) OR r.co_organization_ids && :viewerOrgs::uuid[])`;

export function viewerParams(p: Principal) {
  return {
    viewerIsAdmin: p.isAdmin,
    viewerCouncils: [...p.councilRoles.keys()],
    viewerId: p.id,
    viewerOrgs: [p.organizationId, ...p.ledOrganizationIds],
  };
}
