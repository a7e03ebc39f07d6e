import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '../calendars/working-calendar';
import { ManualClock } from '../common/clock';
import { resolvePolicy } from '../councils/policy';
import { ConfigError, loadConfig } from '../config/env';
import { runMigrations } from '../database/run-migrations';
import { createHttpApp } from '../http-app';
import { ActionHandlerService } from '../reminders/action-handler.service';
import { dueDayForLevel, titleWithDue } from './demo-calendar';
import {
  DEMO_COUNCIL,
  DEMO_COUNCIL_NAME,
  DEMO_DECISIONS,
  DEMO_MEETINGS,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_TIMEZONE,
  type DemoDecision,
  type DemoStep,
  type MeetingKey,
  type OrgKey,
  type PersonKey,
} from './demo-data';

/**
 * Loads the demo council (demo-data.ts) through the service's own HTTP API, so every change is
 * validated, audited and scheduled exactly as a user's would be. Idempotent: when a council named
 * DEMO_COUNCIL_NAME exists, it does nothing.
 *
 * History is played on a ManualClock: the clock is set to each step's instant before the step is
 * sent, so the audit trail, deadlines and "overdue" are real. (Deadlines must lie in the future
 * when assigned; moving the clock back is what lets an item assigned 74 days ago be overdue today,
 * without any direct SQL.) Between two steps the reminder engine is run at each instant an action of
 * the demo falls due, so every reminder and escalation of the past happens once, at its own time,
 * exactly as a worker would have done it: the levels are reached, and the first start of the service
 * finds nothing left to catch up (it used to fire weeks of reminders at once). At the end the clock is
 * put back to `now`.
 */
export interface DemoTarget {
  /** Where the service listens, e.g. http://127.0.0.1:40123 (paths below are under /api/v1). */
  baseUrl: string;
  /** The clock the service under `baseUrl` was created with. */
  clock: ManualClock;
  adminUsername: string;
  adminPassword: string;
  /** The same service's reminder engine, run by the loader (see demoEngine). */
  engine: DemoEngine;
}

/** What the loader needs of the reminder engine to play the history. */
export interface DemoEngine {
  /** The earliest instant a pending action of the council falls due, if any. */
  nextDue(councilId: string): Promise<Date | null>;
  /** Carries out every action due at the clock's instant. */
  runDue(): Promise<void>;
}

/**
 * The engine of an app built with `manualEngine` (role `api` plus the handler, no queue consumer):
 * nothing fires behind the loader's back while it moves the clock.
 */
export function demoEngine(app: INestApplicationContext): DemoEngine {
  const db = app.get(DataSource);
  const handler = app.get(ActionHandlerService);
  return {
    nextDue: async (councilId) => {
      const [row] = await db.query<{ at: Date | null }[]>(
        "SELECT min(fire_at) AS at FROM scheduled_actions WHERE council_id = $1 AND status = 'pending'",
        [councilId],
      );
      return row.at ? new Date(row.at) : null;
    },
    runDue: async () => {
      await handler.processDue();
    },
  };
}

export interface DemoResult {
  /** False when the demo council already existed and nothing was done. */
  loaded: boolean;
  councilId: string;
  resolutionIds: Record<string, string>;
}

type Json = Record<string, unknown>;

class DemoApi {
  constructor(private readonly baseUrl: string) {}

  async call(token: string | null, method: string, path: string, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`demo: ${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Json;
  }

  async login(username: string, password: string): Promise<string> {
    const body = await this.call(null, 'POST', '/auth/login', { username, password });
    return body.accessToken as string;
  }

  /** Every item of a cursor-paged list. */
  async all(token: string, path: string): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.call(token, 'GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...(page.items as Json[]));
      cursor = (page.nextCursor as string | null | undefined) ?? null;
    } while (cursor);
    return items;
  }
}

/** Turns the data's relative days into instants and dates in the council's zone. */
class DemoTime {
  private readonly today: DateTime;
  constructor(now: Date) {
    this.today = DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE }).startOf('day');
  }
  instant(day: number, at: string): Date {
    const [hour, minute] = at.split(':').map(Number);
    return this.today.plus({ days: day }).set({ hour, minute }).toJSDate();
  }
  iso(day: number, at: string): string {
    return DateTime.fromJSDate(this.instant(day, at), { zone: DEMO_TIMEZONE }).toISO({ suppressMilliseconds: true })!;
  }
  /** A deadline given as a date: the service reads it as the end of that day in the council's zone. */
  date(day: number): string {
    return this.today.plus({ days: day }).toISODate()!;
  }
}

interface Happening {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

export async function loadDemo(target: DemoTarget, options: { now?: Date; log?: (line: string) => void } = {}): Promise<DemoResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const api = new DemoApi(target.baseUrl);
  const time = new DemoTime(now);
  const adminToken = await api.login(target.adminUsername, target.adminPassword);

  const calendar = await loadCalendar(api, adminToken, now);
  // Overdue items: the due day that leaves each at its level today (see demo-calendar.ts).
  const dueDay = (decision: DemoDecision, due: DemoStep & { action: 'assign' }): number =>
    typeof due.due === 'number'
      ? due.due
      : dueDayForLevel(due.due.overdueLevel, now, resolvePolicy(DEMO_COUNCIL.policy, decision.priority), calendar, DEMO_TIMEZONE);
  const titles = new Map(
    DEMO_DECISIONS.map((d) => {
      const assign = d.steps.find((s): s is DemoStep & { action: 'assign' } => s.action === 'assign');
      return [d.key, titleWithDue(d.title, assign ? time.date(dueDay(d, assign)) : null)];
    }),
  );

  const existing = (await api.call(adminToken, 'GET', '/councils')).items as Json[];
  const found = existing.find((c) => c.name === DEMO_COUNCIL_NAME);
  if (found) {
    const councilId = found.id as string;
    const rows = await api.all(adminToken, `/resolutions?councilId=${councilId}`);
    log(`demo: the council "${DEMO_COUNCIL_NAME}" already exists (${councilId}); nothing to do`);
    if (rows.length < DEMO_DECISIONS.length) {
      log(
        `demo: warning: it holds ${rows.length} of the demo's ${DEMO_DECISIONS.length} decisions (an earlier load stopped halfway?); drop the database to load it afresh`,
      );
    }
    return { loaded: false, councilId, resolutionIds: {} };
  }

  // The directory is set up "before" the first meeting.
  target.clock.set(time.instant(-80, '09:00'));

  // Organizations and people are found by name / username first, so a load that stopped halfway
  // can simply be run again.
  const orgsByName = new Map((await api.all(adminToken, '/organizations')).map((o) => [o.name as string, o.id as string]));
  const orgIds = {} as Record<OrgKey, string>;
  for (const [key, org] of Object.entries(DEMO_ORGANIZATIONS) as [OrgKey, (typeof DEMO_ORGANIZATIONS)[OrgKey]][]) {
    orgIds[key] =
      orgsByName.get(org.name) ?? ((await api.call(adminToken, 'POST', '/organizations', { name: org.name, kind: org.kind })).id as string);
  }
  const peopleByUsername = new Map((await api.all(adminToken, '/people')).map((p) => [p.username as string, p.id as string]));
  const personIds = {} as Record<PersonKey, string>;
  for (const [key, person] of Object.entries(DEMO_PEOPLE) as [PersonKey, (typeof DEMO_PEOPLE)[PersonKey]][]) {
    personIds[key] =
      peopleByUsername.get(person.username) ??
      ((
        await api.call(adminToken, 'POST', '/people', {
          username: person.username,
          password: DEMO_PASSWORD,
          name: person.name,
          organizationId: orgIds[person.organization],
          title: person.title,
          email: person.email,
        })
      ).id as string);
  }
  for (const [key, org] of Object.entries(DEMO_ORGANIZATIONS) as [OrgKey, (typeof DEMO_ORGANIZATIONS)[OrgKey]][]) {
    await api.call(adminToken, 'PATCH', `/organizations/${orgIds[key]}`, { leaderId: personIds[org.leader] });
  }

  const council = await api.call(adminToken, 'POST', '/councils', {
    name: DEMO_COUNCIL.name,
    description: DEMO_COUNCIL.description,
    memberOrganizationIds: DEMO_COUNCIL.members.map((k) => orgIds[k]),
    chairId: personIds[DEMO_COUNCIL.chair],
    secretaryIds: DEMO_COUNCIL.secretaries.map((k) => personIds[k]),
    supervisorIds: DEMO_COUNCIL.supervisors.map((k) => personIds[k]),
    timezone: DEMO_TIMEZONE,
    calendar: DEMO_COUNCIL.policy.calendar,
    policy: DEMO_COUNCIL.policy,
  });
  const councilId = council.id as string;
  log(`demo: created the council "${DEMO_COUNCIL_NAME}" (${councilId})`);

  const tokens = {} as Record<PersonKey, string>;
  for (const [key, person] of Object.entries(DEMO_PEOPLE) as [PersonKey, (typeof DEMO_PEOPLE)[PersonKey]][]) {
    tokens[key] = await api.login(person.username, DEMO_PASSWORD);
  }

  // Everything that happens, in the order it happened.
  const meetingIds = {} as Record<MeetingKey, string>;
  const resolutionIds: Record<string, string> = {};
  const owners: Record<string, PersonKey> = {};
  const happenings: Happening[] = [];
  const at = (instant: Date, run: () => Promise<void>) => happenings.push({ at: instant, order: happenings.length, run });

  for (const [key, meeting] of Object.entries(DEMO_MEETINGS) as [MeetingKey, (typeof DEMO_MEETINGS)[MeetingKey]][]) {
    at(time.instant(meeting.day, meeting.at), async () => {
      const created = await api.call(tokens.secretary, 'POST', `/councils/${councilId}/meetings`, {
        title: meeting.title,
        kind: meeting.kind,
        heldAt: time.iso(meeting.day, meeting.at),
        location: meeting.location,
        attendeeIds: meeting.attendees.map((k) => personIds[k]),
        minutes: meeting.minutes,
      });
      meetingIds[key] = created.id as string;
    });
  }

  for (const decision of DEMO_DECISIONS) {
    at(time.instant(decision.registered.day, decision.registered.at), async () => {
      const body = {
        title: titles.get(decision.key),
        description: decision.description,
        category: decision.category,
        priority: decision.priority,
      };
      const created = decision.parent
        ? await api.call(tokens.supervisorLead, 'POST', `/resolutions/${resolutionIds[decision.parent]}/children`, body)
        : await api.call(tokens.secretary, 'POST', `/meetings/${meetingIds[decision.meeting]}/resolutions`, body);
      resolutionIds[decision.key] = created.id as string;
    });
    for (const step of decision.steps) {
      at(time.instant(step.day, step.at), () => perform(decision, step));
    }
  }

  async function perform(decision: DemoDecision, step: DemoStep): Promise<void> {
    const id = resolutionIds[decision.key];
    const path = `/resolutions/${id}`;
    const supervisor = tokens.supervisorLead;
    // Each transition sends the version it is based on, as a client would after reading the item.
    const { version } = await api.call(supervisor, 'GET', path);
    const owner = () => tokens[owners[decision.key]];
    switch (step.action) {
      case 'assign':
        owners[decision.key] = step.owner;
        await api.call(supervisor, 'POST', `${path}/assign`, {
          version,
          leadOrganizationId: orgIds[step.lead],
          coOrganizationIds: (step.co ?? []).map((k) => orgIds[k]),
          ownerId: personIds[step.owner],
          dueAt: time.date(dueDay(decision, step)),
          ...(step.note ? { note: step.note } : {}),
        });
        return;
      case 'accept':
        await api.call(owner(), 'POST', `${path}/accept`, { version, ...(step.note ? { note: step.note } : {}) });
        return;
      case 'progress':
        await api.call(step.by ? tokens[step.by] : owner(), 'POST', `${path}/progress`, {
          version,
          percent: step.percent,
          note: step.note,
        });
        return;
      case 'request_extension':
        await api.call(owner(), 'POST', `${path}/extension-requests`, {
          version,
          requestedDueAt: time.date(step.due),
          reason: step.reason,
        });
        return;
      case 'approve_extension':
      case 'reject_extension': {
        const requests = (await api.call(supervisor, 'GET', `${path}/extension-requests`)).items as Json[];
        const pending = requests.find((r) => r.status === 'pending');
        if (!pending) throw new Error(`demo: no pending extension request on "${decision.title}"`);
        const verb = step.action === 'approve_extension' ? 'approve' : 'reject';
        await api.call(supervisor, 'POST', `${path}/extension-requests/${String(pending.id)}/${verb}`, {
          version,
          ...(step.note ? { note: step.note } : {}),
        });
        return;
      }
      case 'request_completion':
        await api.call(owner(), 'POST', `${path}/completion-request`, {
          version,
          summary: step.summary,
          ...(step.evidence ? { evidence: step.evidence } : {}),
        });
        return;
      case 'verify':
        await api.call(supervisor, 'POST', `${path}/verify`, {
          version,
          ...(step.rating ? { rating: step.rating } : {}),
          ...(step.note ? { note: step.note } : {}),
        });
        return;
      case 'return':
        await api.call(supervisor, 'POST', `${path}/return`, { version, reason: step.reason });
        return;
      case 'cancel':
        await api.call(tokens[step.by], 'POST', `${path}/cancel`, { version, reason: step.reason });
        return;
      case 'urge':
        await api.call(supervisor, 'POST', `${path}/urge`, { version, note: step.note });
        return;
      case 'check':
        await api.call(supervisor, 'POST', `${path}/checks`, {
          version,
          checkedAt: time.iso(step.day, step.at),
          method: step.method,
          inspectorIds: step.inspectors.map((k) => personIds[k]),
          findings: step.findings,
          rating: step.rating,
        });
        return;
    }
  }

  /**
   * Runs the engine at each instant an action of the council falls due, up to `until`. Carrying out
   * one action may plan the next at the same instant (a missed report and the next cycle's reminder),
   * so an instant can come back a few times; an instant that keeps coming back is a stuck action.
   */
  async function settle(until: Date): Promise<void> {
    let last = 0;
    let repeats = 0;
    for (;;) {
      const next = await target.engine.nextDue(councilId);
      if (!next || next.getTime() > until.getTime()) return;
      repeats = next.getTime() === last ? repeats + 1 : 0;
      if (repeats > 10) throw new Error(`demo: the reminder engine leaves an action due at ${next.toISOString()} pending`);
      last = next.getTime();
      target.clock.set(next);
      await target.engine.runDue();
    }
  }

  happenings.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  try {
    for (const h of happenings) {
      if (h.at.getTime() > now.getTime())
        throw new Error(`demo: a step is dated after now (${h.at.toISOString()}); demo-data.ts must only hold the past`);
      await settle(h.at);
      target.clock.set(h.at);
      await h.run();
    }
    await settle(now);
  } finally {
    target.clock.set(now);
  }
  await readOlderMessages(api, Object.values(tokens), new Date(now.getTime() - READ_BEFORE_DAYS * 86_400_000));
  log(`demo: registered ${DEMO_DECISIONS.length} decisions in ${Object.keys(DEMO_MEETINGS).length} meetings`);
  return { loaded: true, councilId, resolutionIds };
}

/** Messages older than this many days are marked read at load: people read them as they came. */
const READ_BEFORE_DAYS = 3;

/**
 * Marks read, for each person, every message that arrived before `before`: an inbox then opens on the
 * last days' reminders rather than on 75 days of unread history.
 */
async function readOlderMessages(api: DemoApi, tokens: string[], before: Date): Promise<void> {
  for (const token of tokens) {
    for (const message of await api.all(token, '/notifications?unread=true')) {
      if (new Date(message.createdAt as string) < before) await api.call(token, 'POST', `/notifications/${String(message.id)}/read`);
    }
  }
}

/**
 * The working calendar of the council's kind over the years the demo spans, read through the API
 * (published holidays, adjusted working weekends and overrides).
 */
async function loadCalendar(api: DemoApi, token: string, now: Date): Promise<WorkingCalendar> {
  const kind = DEMO_COUNCIL.policy.calendar;
  const today = DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE });
  const exceptions = new Map<string, boolean>();
  if (kind === 'cn') {
    for (let year = today.minus({ days: 200 }).year; year <= today.plus({ days: 100 }).year; year++) {
      const body = await api.call(token, 'GET', `/calendars/cn/days?year=${year}`);
      for (const day of body.items as { date: string; isWorkday: boolean }[]) exceptions.set(day.date, day.isWorkday);
    }
  }
  return new WorkingCalendar(kind, exceptions);
}

/** `node dist/src/demo/load-demo.js`: migrates, starts the API in-process on a free port, loads, stops. */
async function main(): Promise<void> {
  const base = loadConfig();
  // The loader's own app: API only, with the reminder handler and no queue consumer (the loader runs
  // the engine as it moves the clock), quiet logs, a port of its own.
  const config = { ...base, role: 'api' as const, port: 0, logLevel: base.logLevel === 'error' ? ('error' as const) : ('warn' as const) };
  await runMigrations(config.databaseUrl);
  const clock = new ManualClock(new Date());
  const app = await createHttpApp(config, { clock, docsUi: false, manualEngine: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  try {
    const result = await loadDemo(
      {
        baseUrl: `http://127.0.0.1:${port}`,
        clock,
        adminUsername: config.adminUsername,
        adminPassword: config.adminPassword,
        engine: demoEngine(app),
      },
      { log: (line) => console.log(line) },
    );
    if (result.loaded) {
      console.log(`demo: every demo login uses the password "${DEMO_PASSWORD}":`);
      for (const person of Object.values(DEMO_PEOPLE)) console.log(`  ${person.username.padEnd(14)} ${person.name}  ${person.role}`);
    }
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
