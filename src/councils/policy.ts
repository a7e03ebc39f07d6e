import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { isOffset, parseOffset } from './offset';

/** The people a reminder or escalation can go to (DESIGN.md, "Recipients in notify"). */
export const RECIPIENT_ROLES = ['owner', 'leadLeader', 'coLeaders', 'supervisors', 'chair', 'secretaries'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

const offset = z.string().refine(isOffset, { message: 'must be an ISO-8601 duration (P3D, PT2H, -P1D) or working days (3wd, -1wd)' });
const nonNegativeOffset = offset.refine((t) => !t.startsWith('-'), { message: 'must not be negative' });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const cron = z.string().refine(
  (text) => {
    try {
      CronExpressionParser.parse(text);
      return text.trim().split(/\s+/).length === 5;
    } catch {
      return false;
    }
  },
  { message: 'must be a five-field cron expression' },
);

const policyBody = z
  .object({
    calendar: z.enum(['cn', 'weekdays', 'all']),
    quietHours: z.object({ start: clockTime, end: clockTime }).strict().nullable(),
    warningWindow: nonNegativeOffset,
    acceptance: z.object({ within: nonNegativeOffset, remindEvery: nonNegativeOffset }).strict(),
    beforeDue: z.array(offset).max(10),
    escalation: z
      .array(
        z
          .object({
            after: nonNegativeOffset,
            level: z.number().int().min(1).max(3),
            notify: z.array(z.enum(RECIPIENT_ROLES)).min(1),
          })
          .strict(),
      )
      .max(3)
      .refine((steps) => steps.every((s, i) => i === 0 || s.level > steps[i - 1].level), {
        message: 'levels must rise step by step',
      }),
    progressReport: z.object({ cron, grace: nonNegativeOffset }).strict().nullable(),
    stagnation: nonNegativeOffset.nullable(),
    bulletin: z.object({ cron }).strict().nullable(),
    maxExtensions: z.number().int().min(0).max(10),
  })
  .strict();

const partialBody = policyBody.partial();

/** Weights and points are plain non-negative numbers; bounded so a typo cannot make a score meaningless. */
const weight = z.number().min(0, 'must not be negative').max(1000);

export const ASSESSMENT_MODES = ['weighted', 'deduction'] as const;

/** The supervision keys (DESIGN.md "Supervision"): council-wide, never per priority. */
const boardPolicy = z.object({ rankPeople: z.boolean() }).partial().strict();
const assessmentPolicy = z
  .object({
    mode: z.enum(ASSESSMENT_MODES),
    weights: z.object({ onTime: weight, overdue: weight, reports: weight, checks: weight }).partial().strict(),
    overdueDaysCap: z.number().int().min(1).max(3650),
    deductions: z.object({ missedReport: weight, overdueLead: weight, overdueCo: weight, unsatisfactoryCheck: weight }).partial().strict(),
  })
  .partial()
  .strict()
  .superRefine((a, ctx) => {
    // Weights left out take their defaults; what must not happen is all four ending at 0 (a score ÷ 0).
    const effective = { ...DEFAULT_ASSESSMENT.weights, ...(a.weights ?? {}) };
    if (Object.values(effective).every((w) => w === 0))
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'must not all be 0 (the score divides by their sum)' });
  });

/** What a council stores and `PUT /councils/:id/policy` accepts: any subset, plus per-priority overrides. */
export const councilPolicySchema = partialBody
  .extend({
    board: boardPolicy.optional(),
    assessment: assessmentPolicy.optional(),
    overrides: z
      .object({ normal: partialBody.optional(), high: partialBody.optional(), urgent: partialBody.optional() })
      .strict()
      .optional(),
  })
  .strict();

export type PolicyBody = z.infer<typeof policyBody>;
export type CouncilPolicy = z.infer<typeof councilPolicySchema>;
export type EffectivePolicy = PolicyBody;

export const DEFAULT_POLICY: EffectivePolicy = {
  calendar: 'cn',
  quietHours: { start: '21:00', end: '08:00' },
  warningWindow: '3wd',
  acceptance: { within: '1wd', remindEvery: '1wd' },
  beforeDue: ['-3wd', '-1wd'],
  escalation: [
    { after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] },
    { after: '3wd', level: 2, notify: ['owner', 'leadLeader', 'supervisors'] },
    { after: '7wd', level: 3, notify: ['chair', 'supervisors'] },
  ],
  progressReport: { cron: '0 17 * * 5', grace: '1wd' },
  stagnation: '10wd',
  bulletin: { cron: '0 16 * * 5' },
  maxExtensions: 2,
};

export interface AssessmentPolicy {
  mode: (typeof ASSESSMENT_MODES)[number];
  weights: { onTime: number; overdue: number; reports: number; checks: number };
  overdueDaysCap: number;
  deductions: { missedReport: number; overdueLead: number; overdueCo: number; unsatisfactoryCheck: number };
}

/** DESIGN.md's defaults; the deduction points are ours (the design leaves them to each council). */
export const DEFAULT_ASSESSMENT: AssessmentPolicy = {
  mode: 'weighted',
  weights: { onTime: 0.4, overdue: 0.2, reports: 0.2, checks: 0.2 },
  overdueDaysCap: 30,
  deductions: { missedReport: 1, overdueLead: 2, overdueCo: 1, unsatisfactoryCheck: 2 },
};

/** The supervision settings in force for a council: its `board` and `assessment` keys over the defaults. */
export function supervisionPolicy(policy: CouncilPolicy | null | undefined): { rankPeople: boolean; assessment: AssessmentPolicy } {
  const a = policy?.assessment ?? {};
  return {
    rankPeople: policy?.board?.rankPeople ?? true,
    assessment: {
      mode: a.mode ?? DEFAULT_ASSESSMENT.mode,
      weights: { ...DEFAULT_ASSESSMENT.weights, ...stripUndefined(a.weights ?? {}) },
      overdueDaysCap: a.overdueDaysCap ?? DEFAULT_ASSESSMENT.overdueDaysCap,
      deductions: { ...DEFAULT_ASSESSMENT.deductions, ...stripUndefined(a.deductions ?? {}) },
    },
  };
}

export interface PolicyIssue {
  field: string;
  message: string;
}

/** Validates a policy; returns the parsed policy or the issues, each naming the bad part. */
export function validatePolicy(input: unknown): { ok: true; policy: CouncilPolicy } | { ok: false; issues: PolicyIssue[] } {
  const parsed = councilPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const path = (parts: PropertyKey[]) => ['policy', ...parts.map(String)].join('.');
  return {
    ok: false,
    // An unknown key is named itself (`policy.quietHours.tz`), one issue per key, like any other bad field.
    issues: parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ field: path([...i.path, k]), message: 'is not a policy key' }))
        : [{ field: path(i.path), message: i.message }],
    ),
  };
}

/**
 * The policy in force for one priority: the priority's override, then the council's policy, then
 * the defaults, key by key. `calendarFallback` is the council's own calendar column.
 */
export function resolvePolicy(
  policy: CouncilPolicy | null | undefined,
  priority: string,
  calendarFallback?: EffectivePolicy['calendar'],
): EffectivePolicy {
  const base: Partial<PolicyBody> = { ...(policy ?? {}) };
  // Council-wide keys, not part of the per-priority policy the engine reads.
  for (const key of ['overrides', 'board', 'assessment']) delete (base as Record<string, unknown>)[key];
  const override = (policy?.overrides as Record<string, Partial<PolicyBody> | undefined> | undefined)?.[priority] ?? {};
  const merged = {
    ...DEFAULT_POLICY,
    ...(calendarFallback ? { calendar: calendarFallback } : {}),
    ...stripUndefined(base),
    ...stripUndefined(override),
  };
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True when the offset is a negative one (used for "before due" reminders). */
export function isNegativeOffset(text: string): boolean {
  const o = parseOffset(text);
  if (!o) return false;
  return o.kind === 'workdays' ? o.days < 0 : o.sign < 0;
}
