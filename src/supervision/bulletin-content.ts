import type { UnitFigures } from './figures';

/** The figures of a bulletin (API.md): the stored snapshot every format is rendered from. */
export interface BulletinSummary {
  new: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  escalations: { 1: number; 2: number; 3: number };
}

export interface BulletinOverdueRow {
  resolutionId: string;
  number: number;
  title: string;
  daysOverdue: number;
  escalationLevel: number;
  ownerId: string | null;
  ownerName: string | null;
  leadOrganizationId: string | null;
  leadOrganizationName: string | null;
  dueAt: string;
}

export interface BulletinUnitRow extends UnitFigures {
  organizationId: string;
  name: string;
}

export interface BulletinMissedReport {
  resolutionId: string;
  number: number;
  title: string;
  ownerName: string | null;
  leadOrganizationName: string | null;
  missedAt: string;
}

export interface BulletinCheck {
  checkId: string;
  resolutionId: string;
  number: number;
  title: string;
  checkedAt: string;
  method: string;
  rating: string;
  findings: string;
  inspectors: string[];
}

export interface BulletinContent {
  councilId: string;
  councilName: string;
  /** The council's zone: times are printed in it. */
  timezone: string;
  periodStart: string;
  periodEnd: string;
  /** The instant the figures were judged at: the period's end, or the generation time if sooner. */
  asOf: string;
  summary: BulletinSummary;
  overdue: BulletinOverdueRow[];
  byOrganization: BulletinUnitRow[];
  missedReports: BulletinMissedReport[];
  checks: BulletinCheck[];
}

export const METHOD_TEXT: Record<string, string> = { site_visit: '实地查看', document_review: '资料审查', hearing: '听取汇报' };
export const RATING_TEXT: Record<string, string> = { satisfactory: '满意', needs_improvement: '需改进', unsatisfactory: '不满意' };

/** A rate as people read it in a bulletin: 40.0%, or — when nothing counts. */
export const percentText = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
