/**
 * The council policy editor's model: a flat form (one text per policy path) to and from the policy
 * object of `PUT /councils/:id/policy`, and the server's 400 field errors (`policy.escalation.1.after`)
 * mapped back to the form field that shows them. Pure, so it is tested alone.
 */

export type FieldKind = 'select' | 'text' | 'number' | 'list' | 'roles' | 'boolean' | 'json';

export interface PolicyField {
  /** Path in the policy object, dot-separated (`escalation.0.after`). */
  path: string;
  kind: FieldKind;
  options?: readonly string[];
}

export const RECIPIENT_ROLES = ['owner', 'leadLeader', 'coLeaders', 'supervisors', 'chair', 'secretaries'] as const;
export const ESCALATION_STEPS = 3;
/** Groups a council may switch off (the policy holds `null`). */
export const NULLABLE_GROUPS = ['quietHours', 'progressReport', 'stagnation', 'bulletin'] as const;
export type NullableGroup = (typeof NULLABLE_GROUPS)[number];

const escalation = Array.from({ length: ESCALATION_STEPS }, (_, i): PolicyField[] => [
  { path: `escalation.${i}.after`, kind: 'text' },
  { path: `escalation.${i}.level`, kind: 'number' },
  { path: `escalation.${i}.notify`, kind: 'roles', options: RECIPIENT_ROLES },
]).flat();

export const POLICY_FIELDS: PolicyField[] = [
  { path: 'calendar', kind: 'select', options: ['cn', 'weekdays', 'all'] },
  { path: 'quietHours.start', kind: 'text' },
  { path: 'quietHours.end', kind: 'text' },
  { path: 'warningWindow', kind: 'text' },
  { path: 'acceptance.within', kind: 'text' },
  { path: 'acceptance.remindEvery', kind: 'text' },
  { path: 'beforeDue', kind: 'list' },
  ...escalation,
  { path: 'progressReport.cron', kind: 'text' },
  { path: 'progressReport.grace', kind: 'text' },
  { path: 'stagnation', kind: 'text' },
  { path: 'bulletin.cron', kind: 'text' },
  { path: 'maxExtensions', kind: 'number' },
  { path: 'board.rankPeople', kind: 'boolean' },
  { path: 'assessment.mode', kind: 'select', options: ['weighted', 'deduction'] },
  { path: 'assessment.weights.onTime', kind: 'number' },
  { path: 'assessment.weights.overdue', kind: 'number' },
  { path: 'assessment.weights.reports', kind: 'number' },
  { path: 'assessment.weights.checks', kind: 'number' },
  { path: 'assessment.overdueDaysCap', kind: 'number' },
  { path: 'assessment.deductions.missedReport', kind: 'number' },
  { path: 'assessment.deductions.overdueLead', kind: 'number' },
  { path: 'assessment.deductions.overdueCo', kind: 'number' },
  { path: 'assessment.deductions.unsatisfactoryCheck', kind: 'number' },
  { path: 'overrides', kind: 'json' },
];

/**
 * The form: every value is what the person typed; '' (or an empty list) leaves the key out, so the
 * default applies. `off` switches a nullable group off (`null` in the policy).
 */
export interface PolicyForm {
  values: Record<string, string | string[]>;
  off: Record<NullableGroup, boolean>;
  /** The council had its own escalation steps when the form was loaded (else the three defaults apply). */
  ownEscalation: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function getAt(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, key) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), obj);
}

function setAt(obj: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let node: JsonObject | Json[] = obj;
  keys.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(keys[i + 1]);
    const container = node as Record<string, Json>;
    container[key] ??= nextIsIndex ? [] : {};
    node = container[key] as JsonObject | Json[];
  });
  (node as Record<string, Json>)[keys[keys.length - 1]] = value;
}

export function emptyForm(): PolicyForm {
  const values: Record<string, string | string[]> = {};
  for (const f of POLICY_FIELDS) values[f.path] = f.kind === 'roles' ? [] : '';
  return { values, off: { quietHours: false, progressReport: false, stagnation: false, bulletin: false }, ownEscalation: false };
}

/** The stored policy → the form (keys the council has not set stay empty: the defaults apply). */
export function formFromPolicy(policy: unknown): PolicyForm {
  const form = emptyForm();
  for (const group of NULLABLE_GROUPS) form.off[group] = getAt(policy, group) === null;
  form.ownEscalation = Array.isArray(getAt(policy, 'escalation'));
  for (const f of POLICY_FIELDS) {
    const value = getAt(policy, f.path);
    if (value === undefined || value === null) continue;
    if (f.kind === 'roles') form.values[f.path] = Array.isArray(value) ? value.map(String) : [];
    else if (f.kind === 'list') form.values[f.path] = Array.isArray(value) ? value.join(', ') : String(value);
    else if (f.kind === 'json') form.values[f.path] = JSON.stringify(value, null, 2);
    else form.values[f.path] = String(value);
  }
  return form;
}

/** A number typed as a number becomes one; anything else is sent as typed, for the server to name. */
function numberOrText(text: string): Json {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

export type BuildResult = { ok: true; policy: JsonObject } | { ok: false; field: string; message: string };

/** The form → the policy to PUT. Only the JSON of `overrides` can fail here (it is parsed on the client). */
export function policyFromForm(form: PolicyForm): BuildResult {
  const policy: JsonObject = {};
  for (const f of POLICY_FIELDS) {
    const group = NULLABLE_GROUPS.find((g) => f.path === g || f.path.startsWith(`${g}.`));
    if (group && form.off[group]) continue;
    const raw = form.values[f.path];
    if (f.kind === 'roles') {
      if (Array.isArray(raw) && raw.length > 0) setAt(policy, f.path, raw);
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    switch (f.kind) {
      case 'number':
        setAt(policy, f.path, numberOrText(text));
        break;
      case 'boolean':
        setAt(policy, f.path, text === 'true' ? true : text === 'false' ? false : text);
        break;
      case 'list':
        setAt(
          policy,
          f.path,
          text
            .split(/[,，、\s]+/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case 'json':
        try {
          setAt(policy, f.path, JSON.parse(text) as Json);
        } catch {
          return { ok: false, field: f.path, message: 'JSON' };
        }
        break;
      default:
        setAt(policy, f.path, text);
    }
  }
  for (const group of NULLABLE_GROUPS) if (form.off[group]) policy[group] = null;
  completeGroups(policy, form.ownEscalation);
  return { ok: true, policy };
}

/** The default escalation steps' recipients (DESIGN.md), for steps the form leaves to their default. */
export const DEFAULT_NOTIFY: string[][] = [
  ['owner', 'leadLeader'],
  ['owner', 'leadLeader', 'supervisors'],
  ['chair', 'supervisors'],
];

/**
 * Some keys are replaced whole: a quiet-hours pair, the acceptance pair, a progress-report pair and the
 * escalation steps. Changing one field of such a group keeps the others at their defaults (as shown in
 * the placeholders) rather than sending half a group the server would refuse.
 */
function completeGroups(policy: JsonObject, ownEscalation: boolean): void {
  for (const group of ['quietHours', 'acceptance', 'progressReport']) {
    const value = policy[group];
    if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const f of POLICY_FIELDS.filter((x) => x.path.startsWith(`${group}.`))) {
      const key = f.path.slice(group.length + 1);
      if (value[key] === undefined && POLICY_DEFAULTS[f.path] !== undefined) value[key] = POLICY_DEFAULTS[f.path];
    }
  }
  if (Array.isArray(policy.escalation)) {
    // Over the defaults: all three steps, the untouched ones as they were. Over the council's own steps:
    // the steps up to the last one filled in (clearing the last step removes it).
    const steps = ownEscalation ? policy.escalation.length : ESCALATION_STEPS;
    policy.escalation = Array.from({ length: steps }, (_, i): Json => {
      const step = ((policy.escalation as Json[])[i] ?? {}) as JsonObject;
      return {
        after: step.after ?? POLICY_DEFAULTS[`escalation.${i}.after`],
        level: step.level ?? Number(POLICY_DEFAULTS[`escalation.${i}.level`]),
        notify: step.notify ?? DEFAULT_NOTIFY[i],
      };
    });
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * The server's issues (`{field: 'policy.quietHours.start', message}`) by form field. An issue about a
 * whole group (`policy.escalation`, `policy.assessment.weights`) goes to the group's first field; one
 * deeper than any field (`policy.overrides.high.calendar`) to the field that holds it. Anything else is
 * in `other`, shown above the form, so no error is ever hidden.
 */
export function issuesByField(issues: FieldIssue[]): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const path = issue.field.replace(/^policy\.?/, '');
    const target =
      POLICY_FIELDS.find((f) => f.path === path) ??
      (path === '' ? undefined : POLICY_FIELDS.find((f) => f.path.startsWith(`${path}.`))) ??
      POLICY_FIELDS.filter((f) => path.startsWith(`${f.path}.`)).sort((a, b) => b.path.length - a.path.length)[0];
    if (target) (byField[target.path] ??= []).push(issue.message);
    else other.push(`${issue.field}: ${issue.message}`);
  }
  return { byField, other };
}

/** What applies when a key is left empty (DESIGN.md's defaults), shown as each field's placeholder. */
export const POLICY_DEFAULTS: Record<string, string> = {
  calendar: 'cn',
  'quietHours.start': '21:00',
  'quietHours.end': '08:00',
  warningWindow: '3wd',
  'acceptance.within': '1wd',
  'acceptance.remindEvery': '1wd',
  beforeDue: '-3wd, -1wd',
  'escalation.0.after': 'PT0S',
  'escalation.0.level': '1',
  'escalation.1.after': '3wd',
  'escalation.1.level': '2',
  'escalation.2.after': '7wd',
  'escalation.2.level': '3',
  'progressReport.cron': '0 17 * * 5',
  'progressReport.grace': '1wd',
  stagnation: '10wd',
  'bulletin.cron': '0 16 * * 5',
  maxExtensions: '2',
  'assessment.weights.onTime': '0.4',
  'assessment.weights.overdue': '0.2',
  'assessment.weights.reports': '0.2',
  'assessment.weights.checks': '0.2',
  'assessment.overdueDaysCap': '30',
  'assessment.deductions.missedReport': '1',
  'assessment.deductions.overdueLead': '2',
  'assessment.deductions.overdueCo': '1',
  'assessment.deductions.unsatisfactoryCheck': '2',
};

/** The policy validator's common messages in the person's words; anything else as the server wrote it. */
const POLICY_MESSAGES: [RegExp, string][] = [
  [/received undefined$/, 'missing'],
  [/^must be a time HH:MM$/, 'clockTime'],
  [/^must be an ISO-8601 duration/, 'offset'],
  [/^must be a five-field cron expression$/, 'cron'],
  [/^must not be negative$/, 'negative'],
  [/^levels must rise step by step$/, 'levelsRise'],
  [/^must not all be 0/, 'weightsZero'],
  [/^is not a policy key$/, 'unknownKey'],
];

export function describePolicyIssue(message: string, t: (key: string) => string): string {
  const hit = POLICY_MESSAGES.find(([pattern]) => pattern.test(message));
  return hit ? t(`admin.policy.messages.${hit[1]}`) : message;
}
