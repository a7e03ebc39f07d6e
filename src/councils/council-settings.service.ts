import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/principal';
import { TransactionHook } from '../common/transaction-hook';
import { CouncilPolicyHook } from './council-policy.hook';
import type { UpdateCouncilDto } from './council.dto';
import { Council } from './council.entity';
import { CouncilsService, type CouncilView } from './councils.service';
import type { CouncilPolicy } from './policy';

/**
 * Changes to a council's settings, which run the CouncilPolicyHook when the policy, zone or calendar
 * changes. Apart from CouncilsService because the hook's participant (the reminder engine) reads
 * councils through CouncilsService: one service both running the hook and read by its participant
 * would be a dependency cycle.
 */
@Injectable()
export class CouncilSettingsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly councils: CouncilsService,
    private readonly audit: AuditService,
    private readonly policyHook: CouncilPolicyHook,
  ) {}

  async update(caller: Principal, id: string, body: UpdateCouncilDto): Promise<CouncilView> {
    const before = await this.councils.get(caller, id);
    this.councils.assertAdminOrChair(caller, id);
    const policy = body.policy === undefined ? undefined : this.councils.parsePolicy(body.policy);
    const afterCommit = await this.db.transaction(async (m) => {
      const changes: Partial<Council> = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.description !== undefined) changes.description = body.description;
      if (body.timezone !== undefined) changes.timezone = body.timezone;
      if (body.calendar !== undefined) changes.calendar = body.calendar;
      if (policy !== undefined) changes.policy = policy;
      // Items first, the council row last: the order a transition takes them in (see putPolicy).
      const work =
        policy !== undefined || body.timezone !== undefined || body.calendar !== undefined
          ? await this.policyHook.run(m, { councilId: id, changes })
          : [];
      if (Object.keys(changes).length) await m.update(Council, id, changes);
      await this.councils.writeMembership(m, id, body);
      const after = await this.councils.view(id, m);
      await this.audit.append(m, id, [
        { entityType: 'council', entityId: id, action: 'council.updated', actorId: caller.id, before, after },
      ]);
      return work;
    });
    this.councils.forgetContext(id);
    await TransactionHook.afterCommit(afterCommit);
    return this.councils.view(id);
  }

  async putPolicy(caller: Principal, id: string, input: unknown): Promise<CouncilPolicy> {
    const before = await this.councils.get(caller, id);
    this.councils.assertAdminOrChair(caller, id);
    const policy = this.councils.parsePolicy(input);
    const afterCommit = await this.db.transaction(async (m) => {
      const changes: Partial<Council> = { policy, ...(policy.calendar ? { calendar: policy.calendar } : {}) };
      // The items are locked and replanned (with the new policy, not yet written) before the council
      // row is touched: a transition locks its item first and the council last (the audit append),
      // so taking them in the other order here would deadlock with it.
      const work = await this.policyHook.run(m, { councilId: id, changes });
      await m.update(Council, id, changes);
      this.councils.forgetContext(id);
      await this.audit.append(m, id, [
        {
          entityType: 'council',
          entityId: id,
          action: 'council.policy_changed',
          actorId: caller.id,
          before: { policy: before.policy },
          after: { policy },
        },
      ]);
      return work;
    });
    this.councils.forgetContext(id);
    await TransactionHook.afterCommit(afterCommit);
    return policy;
  }
}
