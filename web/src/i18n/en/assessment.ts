import type { Shape } from '../shape';
import type zh from '../zh-CN/assessment';

export default {
  intro: 'Scores each member unit for a period, with the formula, the weights and every component.',
  from: 'From',
  to: 'To',
  periodRequired: 'Choose the period',
  run: 'Assess',
  period: 'Period',
  mode: 'Mode',
  modes: { weighted: 'Weighted', deduction: 'Deductions' },
  formula: 'Formula',
  formulaText: {
    weighted:
      'score = 100 × (on-time rate × weight + (1 − min(1, mean days late ÷ {cap})) × weight + reports on time × weight + check rating × weight) ÷ sum of the weights; on-time rate = closed on time ÷ (closed + open overdue); check rating: satisfactory 1, needs improvement 0.5, unsatisfactory 0.',
    deduction:
      'score = 100 − points × missed reports − points × late items led − points × late items co-handled − points × unsatisfactory checks, at least 0.',
  },
  weights: 'Weights',
  deductions: 'Deductions',
  weightsLine: 'on time {onTime}, overdue {overdue}, reports {reports}, checks {checks}; days overdue capped at {cap}',
  deductionsLine:
    '{missedReport} per missed report, {overdueLead} per late item led, {overdueCo} per late item co-handled, {unsatisfactoryCheck} per unsatisfactory check',
  rank: 'Rank',
  organization: 'Unit',
  score: 'Score',
  components: {
    onTimeRate: 'On-time rate',
    overdueDays: 'Mean days late',
    reportCompliance: 'Reports on time',
    checkRating: 'Check rating',
  },
  notMeasured: 'Nothing to measure',
  meanDaysLate: '{n} days',
  leftOutNote: 'Grey components had nothing to measure in the period: they are left out and the other weights renormalised.',
} satisfies Shape<typeof zh>;
