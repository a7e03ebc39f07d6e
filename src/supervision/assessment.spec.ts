import { DEFAULT_ASSESSMENT, type AssessmentPolicy } from '../councils/policy';
import { components, deductionScore, weightedScore, type AssessmentCounts } from './assessment';

const counts = (over: Partial<AssessmentCounts> = {}): AssessmentCounts => ({
  closed: 0,
  closedOnTime: 0,
  openOverdue: 0,
  lateDays: 0,
  lateItems: 0,
  lateCoItems: 0,
  reportsSubmitted: 0,
  reportsMissed: 0,
  checks: { satisfactory: 0, needs_improvement: 0, unsatisfactory: 0 },
  ...over,
});
const policy = (over: Partial<AssessmentPolicy> = {}): AssessmentPolicy => ({ ...DEFAULT_ASSESSMENT, ...over });

describe('components', () => {
  it.each<[string, Partial<AssessmentCounts>, Record<string, number | null>]>([
    ['nothing at all: every component null', {}, { onTimeRate: null, overdueDays: null, reportCompliance: null, checkRating: null }],
    [
      'open overdue items count as late in the rate; days are the mean over late items',
      { closed: 3, closedOnTime: 2, openOverdue: 2, lateItems: 3, lateDays: 21 },
      { onTimeRate: 0.4, overdueDays: 7, reportCompliance: null, checkRating: null },
    ],
    ['all on time: 0 days overdue, not null', { closed: 2, closedOnTime: 2 }, { onTimeRate: 1, overdueDays: 0 }],
    ['reports: submitted ÷ (submitted + missed)', { reportsSubmitted: 3, reportsMissed: 1 }, { reportCompliance: 0.75 }],
    [
      'checks: satisfactory 1, needs improvement 0.5, unsatisfactory 0',
      { checks: { satisfactory: 1, needs_improvement: 2, unsatisfactory: 1 } },
      { checkRating: 0.5 },
    ],
  ])('%s', (_label, over, expected) => {
    expect(components(counts(over))).toMatchObject(expected);
  });
});

describe('weightedScore', () => {
  it.each<[string, Partial<AssessmentCounts>, Partial<AssessmentPolicy>, number | null, string[]]>([
    [
      'every component measured (defaults 0.4/0.2/0.2/0.2)',
      { closed: 1, closedOnTime: 1, reportsSubmitted: 1, checks: { satisfactory: 0, needs_improvement: 1, unsatisfactory: 0 } },
      {},
      90,
      [],
    ],
    [
      'reports left out, the rest renormalised: (0.4·0.4 + 0.2·(1 − 7/30) + 0.2·0.5) ÷ 0.8',
      {
        closed: 3,
        closedOnTime: 2,
        openOverdue: 2,
        lateItems: 3,
        lateDays: 21,
        checks: { satisfactory: 1, needs_improvement: 0, unsatisfactory: 1 },
      },
      {},
      51.67,
      ['reportCompliance'],
    ],
    [
      'days overdue past the cap count as the whole component lost',
      { openOverdue: 1, lateItems: 1, lateDays: 45 },
      {},
      0,
      ['reportCompliance', 'checkRating'],
    ],
    [
      'a shorter cap',
      { closed: 1, openOverdue: 1, closedOnTime: 1, lateItems: 1, lateDays: 5 },
      { overdueDaysCap: 10 },
      50,
      ['reportCompliance', 'checkRating'],
    ],
    ['nothing to measure: no score', {}, {}, null, ['onTimeRate', 'overdueDays', 'reportCompliance', 'checkRating']],
    [
      'only a zero-weighted component measured: no score',
      { reportsSubmitted: 1 },
      { weights: { onTime: 1, overdue: 1, reports: 0, checks: 1 } },
      null,
      ['onTimeRate', 'overdueDays', 'checkRating'],
    ],
  ])('%s', (_label, over, p, score, leftOut) => {
    const s = weightedScore(counts(over), policy(p));
    expect(s.score).toBe(score);
    expect(s.leftOut).toEqual(leftOut);
  });

  it('says which weights it applied, summing to 1', () => {
    const s = weightedScore(
      counts({ closed: 1, closedOnTime: 1, checks: { satisfactory: 1, needs_improvement: 0, unsatisfactory: 0 } }),
      policy(),
    );
    expect(s.applied).toEqual({ onTimeRate: 0.5, overdueDays: 0.25, checkRating: 0.25 });
  });
});

describe('deductionScore', () => {
  it.each<[string, Partial<AssessmentCounts>, number]>([
    ['nothing wrong', {}, 100],
    [
      '2 missed reports, 3 late led, 3 late co-handled, 1 unsatisfactory check (1/2/1/2 points)',
      { reportsMissed: 2, lateItems: 3, lateCoItems: 3, checks: { satisfactory: 0, needs_improvement: 0, unsatisfactory: 1 } },
      100 - 2 - 6 - 3 - 2,
    ],
    ['never below 0', { lateItems: 80 }, 0],
  ])('%s', (_label, over, expected) => {
    expect(deductionScore(counts(over), policy({ mode: 'deduction' })).score).toBe(expected);
  });
});
