/** 考核 as the page shows it: the answer of `GET /councils/:id/assessment` and each component in words. */

export const COMPONENT_KEYS = ['onTimeRate', 'overdueDays', 'reportCompliance', 'checkRating'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

export interface AssessedOrganization {
  organizationId: string;
  name: string;
  score: number | null;
  components: Record<ComponentKey, number | null>;
  leftOut?: ComponentKey[];
  appliedWeights?: Partial<Record<ComponentKey, number>>;
  deducted?: Record<string, number>;
}

export interface Assessment {
  councilId: string;
  from: string;
  to: string;
  mode: 'weighted' | 'deduction';
  weights: { onTime: number; overdue: number; reports: number; checks: number };
  overdueDaysCap: number;
  deductions: { missedReport: number; overdueLead: number; overdueCo: number; unsatisfactoryCheck: number };
  formula: string;
  organizations: AssessedOrganization[];
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Rates as percentages, the overdue component as mean days late; a component with nothing to
 * measure (null) says so rather than showing 0, which would read as a bad mark.
 */
export function formatComponent(key: ComponentKey, value: number | null, formatRate: (r: number | null) => string, t: Translate): string {
  if (value === null) return t('assessment.notMeasured');
  if (key === 'overdueDays') return t('assessment.meanDaysLate', { n: Math.round(value * 10) / 10 });
  return formatRate(value);
}
