import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** The roles a person can hold in a council (the council_roles table keeps them; the principal carries them). */
export const COUNCIL_ROLES = ['chair', 'secretary', 'supervisor'] as const;
export type CouncilRoleName = (typeof COUNCIL_ROLES)[number];

/** The signed-in caller, loaded fresh on every request (so a removed role takes effect at once). */
export interface Principal {
  id: string;
  username: string;
  name: string;
  organizationId: string;
  isAdmin: boolean;
  /** councilId → the caller's roles there. */
  councilRoles: Map<string, Set<CouncilRoleName>>;
  /** Organizations whose leader the caller is. */
  ledOrganizationIds: string[];
}

export function hasCouncilRole(p: Principal, councilId: string, ...roles: CouncilRoleName[]): boolean {
  const held = p.councilRoles.get(councilId);
  return !!held && roles.some((r) => held.has(r));
}

export const IS_PUBLIC = 'duban:isPublic';
/** Marks a route that needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
