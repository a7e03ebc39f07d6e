import { hasCouncilRole, type Principal } from '../common/principal';
import { forbidden } from '../common/domain-error';
import type { CouncilsService, CouncilView } from '../councils/councils.service';

/**
 * Supervision figures are for the supervisors, the chair and admins: someone who cannot see the
 * council gets 404 (existence does not leak), a member without either role 403.
 */
export async function assertSupervises(councils: CouncilsService, caller: Principal, councilId: string): Promise<CouncilView> {
  const council = await councils.get(caller, councilId);
  if (!caller.isAdmin && !hasCouncilRole(caller, councilId, 'chair', 'supervisor'))
    throw forbidden('SUPERVISION_FORBIDDEN', 'only the council chair, its supervisors or an administrator may see this');
  return council;
}
