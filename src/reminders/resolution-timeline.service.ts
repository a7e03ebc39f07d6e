import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { ResolutionsService } from '../resolutions/resolutions.service';
import { ReminderEngine } from './reminder-engine.service';

/**
 * What happened and what will happen to a resolution: the audit events, the reminders and
 * escalations already carried out, and every pending action with its instant, level and the people
 * it will reach. Here rather than in resolutions/ because the actions are the engine's.
 */
@Injectable()
export class ResolutionTimelineService {
  constructor(
    private readonly resolutions: ResolutionsService,
    private readonly audit: AuditService,
    private readonly engine: ReminderEngine,
  ) {}

  async timeline(caller: Principal, id: string) {
    const { resolution } = await this.resolutions.load(caller, id);
    const [events, actions] = await Promise.all([this.audit.listForResolution(id), this.engine.actionsOf(id)]);
    const people = await this.engine.peopleFor(
      resolution,
      actions.map((a) => a.recipients),
    );
    const resolved = actions.map((a, i) => ({
      at: a.fire_at,
      kind: a.kind,
      level: a.level,
      recipientRoles: a.recipients,
      recipients: people[i],
      status: a.status,
      handledAt: a.handled_at,
    }));
    const past = [
      ...events.map((e) => ({ at: e.at, kind: e.action, source: 'event' as const, actorId: e.actorId, before: e.before, after: e.after })),
      // A collapsed action was carried out without its own message (a later one of the same kind said it).
      ...resolved
        .filter((a) => a.status === 'done' || a.status === 'collapsed')
        .map(({ status, handledAt, ...a }) => ({
          ...a,
          at: handledAt ?? a.at,
          source: 'action' as const,
          ...(status === 'collapsed' ? { collapsed: true } : {}),
        })),
    ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const upcoming = resolved.filter((a) => a.status === 'pending').map(({ status: _s, handledAt: _h, ...a }) => a);
    return { resolutionId: id, past, upcoming };
  }
}
