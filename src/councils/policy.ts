import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { isOffset, offsetBoundProblem, parseOffset } from './offset';

/** The people a reminder or escalation can go to (DESIGN.md, "Recipients in notify"). */
export const RECIPIENT_ROLES = ['owner', 'leadLeader', 'coLeaders', 'supervisors', 'chair', 'secretaries'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

const offset = z
  .string()
  .refine(isOffset, { message: 'must be an ISO-8601 duration (P3D, PT2H, -P1D) or working days (3wd, -1wd)', abort: true })
  .superRefine((text, ctx) => {
    const problem = offsetBoundProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
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

/** What a council stores and `PUT /councils/:id/policy` accepts: any subset, plus per-priority overrides. */
export const councilPolicySchema = partialBody
  .extend({
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
  delete (base as { overrides?: unknown }).overrides;
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
