/**
 * 考核: a member organization's score for a period (DESIGN.md "Supervision"), pure so it is tested
 * as a table. The service counts; these functions turn counts into components and a score.
 */
import type { AssessmentPolicy } from '../councils/policy';
import { onTimeRate, round4 } from './figures';

export const COMPONENTS = ['onTimeRate', 'overdueDays', 'reportCompliance', 'checkRating'] as const;
export type Component = (typeof COMPONENTS)[number];

/** What happened to the items an organization led (and co-handled) in the period. */
export interface AssessmentCounts {
  /** Led items signed off inside the period, and those whose signed-off request met the deadline. */
  closed: number;
  closedOnTime: number;
  /** Led items still open and past their deadline at the end of the period. */
  openOverdue: number;
  /** Days late summed over the late led items (open overdue at the end, or closed late in the period). */
  lateDays: number;
  lateItems: number;
  /** Co-handled items late in the same sense (deduction mode only). */
  lateCoItems: number;
  reportsSubmitted: number;
  reportsMissed: number;
  checks: { satisfactory: number; needs_improvement: number; unsatisfactory: number };
}

export type Components = Record<Component, number | null>;

const WEIGHT_OF: Record<Component, keyof AssessmentPolicy['weights']> = {
  onTimeRate: 'onTime',
  overdueDays: 'overdue',
  reportCompliance: 'reports',
  checkRating: 'checks',
};

/** Each component, or null when there is nothing to measure (then it is left out of the score). */
export function components(c: AssessmentCounts): Components {
  const cycles = c.reportsSubmitted + c.reportsMissed;
  const checks = c.checks.satisfactory + c.checks.needs_improvement + c.checks.unsatisfactory;
  return {
    onTimeRate: onTimeRate(c.closedOnTime, c.closed, c.openOverdue),
    // Mean days late over the late items; measured whenever anything was judged on time or late.
    overdueDays: c.closed + c.openOverdue === 0 ? null : c.lateItems === 0 ? 0 : round4(c.lateDays / c.lateItems),
    reportCompliance: cycles === 0 ? null : round4(c.reportsSubmitted / cycles),
    checkRating: checks === 0 ? null : round4((c.checks.satisfactory + 0.5 * c.checks.needs_improvement) / checks),
  };
}

export interface Score {
  score: number | null;
  components: Components;
  /** Components with nothing to measure: left out, the remaining weights renormalised. */
  leftOut: Component[];
  /** The weights actually applied (weighted mode), summing to 1; or the points deducted per cause. */
  applied: Record<string, number>;
}

/** 100 × Σ wᵢ·valueᵢ ÷ Σ wᵢ over the measured components; the overdue component is 1 − min(1, days ÷ cap). */
export function weightedScore(c: AssessmentCounts, policy: AssessmentPolicy): Score {
  const comps = components(c);
  const value: Record<Component, number | null> = {
    ...comps,
    overdueDays: comps.overdueDays === null ? null : 1 - Math.min(1, comps.overdueDays / policy.overdueDaysCap),
  };
  const measured = COMPONENTS.filter((k) => value[k] !== null && policy.weights[WEIGHT_OF[k]] > 0);
  const leftOut = COMPONENTS.filter((k) => value[k] === null);
  const total = measured.reduce((sum, k) => sum + policy.weights[WEIGHT_OF[k]], 0);
  if (total === 0) return { score: null, components: comps, leftOut, applied: {} };
  const applied = Object.fromEntries(measured.map((k) => [k, round4(policy.weights[WEIGHT_OF[k]] / total)]));
  const score = (100 * measured.reduce((sum, k) => sum + policy.weights[WEIGHT_OF[k]] * value[k]!, 0)) / total;
  return { score: Math.round(score * 100) / 100, components: comps, leftOut, applied };
}

/** 100 minus points per missed report, per late item led or co-handled, per unsatisfactory check; never below 0. */
export function deductionScore(c: AssessmentCounts, policy: AssessmentPolicy): Score {
  const d = policy.deductions;
  const applied = {
    missedReport: d.missedReport * c.reportsMissed,
    overdueLead: d.overdueLead * c.lateItems,
    overdueCo: d.overdueCo * c.lateCoItems,
    unsatisfactoryCheck: d.unsatisfactoryCheck * c.checks.unsatisfactory,
  };
  const lost = Object.values(applied).reduce((a, b) => a + b, 0);
  return { score: Math.round(Math.max(0, 100 - lost) * 100) / 100, components: components(c), leftOut: [], applied };
}

export function formulaText(policy: AssessmentPolicy): string {
  return policy.mode === 'weighted'
    ? `score = 100 × (wOnTime·onTimeRate + wOverdue·(1 − min(1, overdueDays ÷ ${policy.overdueDaysCap})) + wReports·reportCompliance + ` +
        'wChecks·checkRating) ÷ Σw over the components with something to measure; onTimeRate = closed on time ÷ (closed + open overdue), ' +
        'overdueDays = mean days late of the late items led, reportCompliance = reports submitted ÷ (submitted + missed), ' +
        'checkRating = mean of satisfactory 1, needs_improvement 0.5, unsatisfactory 0'
    : 'score = max(0, 100 − missedReport × reports missed − overdueLead × late items led − overdueCo × late items co-handled − ' +
        'unsatisfactoryCheck × unsatisfactory checks)';
}
