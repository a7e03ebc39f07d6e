import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal';
import { Clock } from '../common/clock';
import { CouncilsService } from '../councils/councils.service';
import { supervisionPolicy } from '../councils/policy';
import { deductionScore, formulaText, weightedScore, type AssessmentCounts } from './assessment';
import type { AssessmentQuery } from './dto/assessment.dto';
import { parsePeriod } from './period';
import { assertSupervises } from './supervision-access';
import { SupervisionRepository } from './supervision.repository';

const NOTHING: AssessmentCounts = {
  closed: 0,
  closedOnTime: 0,
  openOverdue: 0,
  lateDays: 0,
  lateItems: 0,
  lateCoItems: 0,
  reportsSubmitted: 0,
  reportsMissed: 0,
  checks: { satisfactory: 0, needs_improvement: 0, unsatisfactory: 0 },
};

/** `GET /councils/:id/assessment`: a score per member organization for a period, with how it was reached. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly clock: Clock,
    private readonly councils: CouncilsService,
    private readonly repo: SupervisionRepository,
  ) {}

  async assess(caller: Principal, councilId: string, q: AssessmentQuery) {
    const council = await assertSupervises(this.councils, caller, councilId);
    const period = parsePeriod(q.from, q.to, council.timezone, { start: 'from', end: 'to' });
    const now = this.clock.now();
    // A period reaching into the future is judged as of now: nothing is late yet that is not late now.
    const at = period.end.getTime() < now.getTime() ? period.end : now;
    const policy = supervisionPolicy(council.policy).assessment;
    const counts =
      at.getTime() < period.start.getTime()
        ? new Map<string, AssessmentCounts>()
        : await this.repo.assessmentCounts(councilId, period.start, at);
    const names = await this.repo.names('organizations', council.memberOrganizationIds);
    const organizations = council.memberOrganizationIds
      .map((organizationId) => {
        const c = counts.get(organizationId) ?? NOTHING;
        const s = policy.mode === 'weighted' ? weightedScore(c, policy) : deductionScore(c, policy);
        return {
          organizationId,
          name: names.get(organizationId) ?? '',
          score: s.score,
          components: s.components,
          leftOut: s.leftOut,
          ...(policy.mode === 'weighted' ? { appliedWeights: s.applied } : { deducted: s.applied }),
          counts: c,
        };
      })
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
    return {
      councilId,
      from: period.start,
      to: period.end,
      asOf: at,
      mode: policy.mode,
      weights: policy.weights,
      overdueDaysCap: policy.overdueDaysCap,
      deductions: policy.deductions,
      formula: formulaText(policy),
      organizations,
    };
  }
}
