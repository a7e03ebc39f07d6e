import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { In } from 'typeorm';
import { CouncilsService } from '../../src/councils/councils.service';
import { ReminderQueue } from '../../src/reminders/reminder-queue.service';
import { ScheduleSyncService } from '../../src/reminders/schedule-sync.service';
import { Resolution } from '../../src/resolutions/resolution.entity';
import type { TestApp } from './app';
import type { World } from './world';

/**
 * A burst of due actions for the fault tests: many resolutions in progress whose deadlines fall a
 * few seconds out, with a policy in seconds. Four actions each: a reminder 1 s before the deadline,
 * then escalation levels 1, 2 and 3 at +0, +1 and +2 s.
 */
export const BURST_POLICY = {
  calendar: 'all',
  quietHours: null,
  warningWindow: 'PT1S',
  acceptance: { within: 'PT30S', remindEvery: 'PT30S' },
  beforeDue: ['-PT1S'],
  escalation: [
    { after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] },
    { after: 'PT1S', level: 2, notify: ['owner', 'supervisors'] },
    { after: 'PT2S', level: 3, notify: ['chair'] },
  ],
  progressReport: null,
  stagnation: null,
};

export const ACTIONS_PER_RESOLUTION = 4;

export interface Burst {
  resolutionIds: string[];
  /** The last instant any of its actions is due. */
  lastFireAt: Date;
}

/**
 * Inserts `count` resolutions in progress (SQL, for speed) with deadlines spread evenly over
 * [firstDueInMs, lastDueInMs] from now, then plans their actions with the engine's own
 * ScheduleSyncService in one transaction and wakes the queue after commit — the same two calls a
 * workflow transition makes, so every row is exactly what the plan says.
 */
export async function seedBurst(t: TestApp, w: World, count: number, firstDueInMs: number, lastDueInMs: number): Promise<Burst> {
  const now = Date.now();
  const ids = Array.from({ length: count }, () => randomUUID());
  const dues = ids.map((_, i) => new Date(now + firstDueInMs + Math.round(((lastDueInMs - firstDueInMs) * i) / Math.max(1, count - 1))));
  const [{ seq }] = await t.db.query<{ seq: number }[]>(
    'WITH u AS (UPDATE councils SET resolution_seq = resolution_seq + $2 WHERE id = $1 RETURNING resolution_seq - $2 AS seq) SELECT seq FROM u',
    [w.councilId, count],
  );
  await t.db.query(
    `INSERT INTO resolutions (id, council_id, meeting_id, number, title, status, lead_organization_id, co_organization_ids, owner_id, due_at, original_due_at, assigned_at, accepted_at)
     SELECT id, $2, $3, $4 + n, '故障演练事项 ' || ($4 + n), 'in_progress', $5, ARRAY[$6]::uuid[], $7, due, due, now(), now()
       FROM unnest($1::uuid[], $8::timestamptz[]) WITH ORDINALITY AS x(id, due, n)`,
    [ids, w.councilId, w.meetingId, seq, w.orgs.lead, w.orgs.co, w.ids.owner, dues],
  );
  const sync = t.app.get(ScheduleSyncService);
  const councils = t.app.get(CouncilsService);
  const instants = await t.db.transaction(async (m) => {
    const ctx = await councils.contextIn(m, w.councilId);
    const resolutions = await m.find(Resolution, { where: { id: In(ids) } });
    return sync.sync(
      m,
      resolutions.map((resolution) => ({ resolution, ctx })),
    );
  });
  await t.app.get(ReminderQueue).wake(instants);
  return { resolutionIds: ids, lastFireAt: new Date(Math.max(...instants.map((d) => d.getTime()))) };
}

/** Waits until no action of the burst is pending, or `ms` after its last instant. */
export async function waitForBurst(t: TestApp, burst: Burst, ms = 20_000): Promise<void> {
  const until = burst.lastFireAt.getTime() + ms;
  while (Date.now() < until) {
    const [{ n }] = await t.db.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM scheduled_actions WHERE resolution_id = ANY($1) AND status = 'pending'",
      [burst.resolutionIds],
    );
    if (n === 0) return;
    await sleep(200);
  }
}

/** What a burst delivered, counted against what it should have: every field but the lateness is 0 when all is well. */
export interface BurstTally {
  actionsExpected: number;
  actionsDone: number;
  actionsNotDone: number;
  actionKeysNotOnce: number;
  noticesExpected: number;
  /** "Due soon" reminders carried out after the deadline, hence silent (not a loss). */
  dueSoonSilencedLate: number;
  noticesLost: number;
  noticesDuplicated: number;
  noticesUnexpected: number;
  noticesFromNoDoneAction: number;
  escalationEventsWrong: number;
  levelsWrong: number;
  latenessP50Ms: number;
  latenessMaxMs: number;
}

/**
 * Counts notifications and action rows of the burst against the expected set, computed here
 * independently of the engine: per resolution, the owner once for the reminder (if it was carried
 * out before the deadline); owner and lead unit leader at level 1; owner and supervisor at level 2;
 * chair at level 3.
 */
export async function tallyBurst(t: TestApp, w: World, burst: Burst): Promise<BurstTally> {
  const ids = burst.resolutionIds;
  const expected = new Map<string, number>();
  const want = (kind: string, level: number | null, people: string[], of = ids) =>
    of.forEach((r) => people.forEach((p) => expected.set(`${r}|${kind}|${level ?? ''}|${p}`, 1)));
  // A "due soon" reminder carried out after the deadline (late, after a fault) rightly says nothing.
  const onTime: { id: string }[] = await t.db.query(
    `SELECT a.resolution_id AS id FROM scheduled_actions a JOIN resolutions r ON r.id = a.resolution_id
      WHERE a.resolution_id = ANY($1) AND a.kind = 'due_soon' AND a.status = 'done' AND a.handled_at <= r.due_at`,
    [ids],
  );
  want(
    'due_soon',
    null,
    [w.ids.owner],
    onTime.map((r) => r.id),
  );
  want('overdue', 1, [w.ids.owner, w.ids.leadLeader]);
  want('escalated', 2, [w.ids.owner, w.ids.supervisor]);
  want('escalated', 3, [w.ids.chair]);

  const delivered: { k: string; n: number }[] = await t.db.query(
    `SELECT resolution_id || '|' || kind || '|' || coalesce(level::text, '') || '|' || person_id AS k, count(*)::int AS n
       FROM notifications WHERE resolution_id = ANY($1) GROUP BY 1`,
    [ids],
  );
  const got = new Map(delivered.map((d) => [d.k, d.n]));
  const [actions] = await t.db.query(
    `SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status <> 'done')::int AS not_done,
            (SELECT count(*)::int FROM (SELECT 1 FROM scheduled_actions WHERE resolution_id = ANY($1) AND status <> 'cancelled'
                GROUP BY resolution_id, key HAVING count(*) <> 1 OR bool_or(status <> 'done')) k) AS keys_not_once,
            coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM handled_at - fire_at)) FILTER (WHERE status = 'done'), 0) * 1000 AS p50,
            coalesce(max(extract(epoch FROM handled_at - fire_at)) FILTER (WHERE status = 'done'), 0) * 1000 AS max
       FROM scheduled_actions WHERE resolution_id = ANY($1) AND status <> 'cancelled'`,
    [ids],
  );
  const [orphans] = await t.db.query(
    `SELECT count(*)::int AS n FROM notifications n
      WHERE n.resolution_id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM scheduled_actions a WHERE 'action:' || a.id = n.source_key AND a.resolution_id = n.resolution_id AND a.status = 'done')`,
    [ids],
  );
  // Each level is reached once and in order, and the stored level is the last one: no lost update.
  const [events] = await t.db.query(
    `SELECT count(*)::int AS n FROM resolutions r
      WHERE r.id = ANY($1) AND (SELECT coalesce(array_agg((e.after->>'escalationLevel')::int ORDER BY e.seq), '{}')
                                  FROM events e WHERE e.resolution_id = r.id AND e.action = 'resolution.escalated') <> ARRAY[1, 2, 3]`,
    [ids],
  );
  const [levels] = await t.db.query('SELECT count(*)::int AS n FROM resolutions WHERE id = ANY($1) AND escalation_level <> 3', [ids]);
  return {
    actionsExpected: ids.length * ACTIONS_PER_RESOLUTION,
    actionsDone: actions.done,
    actionsNotDone: actions.not_done,
    actionKeysNotOnce: actions.keys_not_once,
    noticesExpected: expected.size,
    dueSoonSilencedLate: ids.length - onTime.length,
    noticesLost: [...expected.keys()].filter((k) => !got.has(k)).length,
    noticesDuplicated: [...got.values()].filter((n) => n > 1).length,
    noticesUnexpected: [...got.keys()].filter((k) => !expected.has(k)).length,
    noticesFromNoDoneAction: orphans.n,
    escalationEventsWrong: events.n,
    levelsWrong: levels.n,
    latenessP50Ms: Math.round(Number(actions.p50)),
    latenessMaxMs: Math.round(Number(actions.max)),
  };
}
