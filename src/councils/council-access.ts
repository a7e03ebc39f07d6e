import type { Principal } from '../common/principal';

/** Who may read a council: admins, its chair / secretaries / supervisors, and people of its member organizations. */
export function canReadCouncil(p: Principal, councilId: string, memberOrganizationIds: readonly string[]): boolean {
  if (p.isAdmin || p.councilRoles.has(councilId)) return true;
  return memberOrganizationIds.includes(p.organizationId) || p.ledOrganizationIds.some((id) => memberOrganizationIds.includes(id));
}
