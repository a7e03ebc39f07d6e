import type { EntityManager } from 'typeorm';
import type { CalendarService } from '../calendars/calendar.service';
import { Council } from '../councils/council.entity';
import type { CouncilContext } from '../councils/councils.service';
import { resolvePolicy, type EffectivePolicy } from '../councils/policy';

/**
 * A council's context read inside a transaction (so a policy changed in that transaction is seen),
 * with `changes` about to be written laid over it.
 */
export async function contextInTransaction(
  m: EntityManager,
  calendars: CalendarService,
  councilId: string,
  changes: Partial<Council> = {},
): Promise<CouncilContext> {
  const council = Object.assign(await m.findOneByOrFail(Council, { id: councilId }), changes);
  const calendar = await calendars.calendar(council.policy?.calendar ?? council.calendar, m);
  const cache = new Map<string, EffectivePolicy>();
  return {
    council,
    memberOrganizationIds: [],
    calendar,
    policyFor: (priority) => {
      if (!cache.has(priority)) cache.set(priority, resolvePolicy(council.policy, priority, council.calendar));
      return cache.get(priority)!;
    },
  };
}
