import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { runMigrations } from '../../src/database/run-migrations';
import { CouncilsService, type CouncilContext } from '../../src/councils/councils.service';
import { ScheduleSyncService } from '../../src/reminders/schedule-sync.service';
import type { Resolution } from '../../src/resolutions/resolution.entity';
import { startPrivateRedis, type PrivateRedis } from '../../test/support/private-redis';
import type { WorkerEnv } from '../../test/support/worker-process';

/**
 * The engine benchmark's world: a database of its own (migrated, dropped at the end unless
 * KEEP_BENCH_DB=1), a private Redis with `hz 100`, and the service's modules in this process (role
 * `api`, no HTTP server) for the engine's own code: ScheduleSyncService plans every row loaded here.
 */
export interface Bench {
  app: INestApplicationContext;
  db: DataSource;
  redis: PrivateRedis;
  config: AppConfig;
  workerEnv: WorkerEnv;
  close(): Promise<void>;
}

export async function openBench(): Promise<Bench> {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `duban_bench_engine_${Date.now()}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const redis = await startPrivateRedis({ hz: 100 });
  const env = { DATABASE_URL: url.toString(), REDIS_URL: redis.url, QUEUE_PREFIX: `{bench-${process.pid}}` };
  const config: AppConfig = { ...loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn' }), role: 'api' };
  process.env.DB_POOL_SIZE = '20';
  const app = await NestFactory.createApplicationContext(AppModule.forRole('api', { config }), { logger: ['error', 'warn'] });
  const workerEnv: WorkerEnv = { ...env, LOG_LEVEL: 'log', DB_POOL_SIZE: '20', REMINDER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '4' };
  return {
    app,
    db: app.get(DataSource),
    redis,
    config,
    workerEnv,
    close: async () => {
      await app.close();
      await redis.stop();
      if (process.env.KEEP_BENCH_DB === '1') return console.log(`kept database ${name}`);
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** One council with a lead unit, its leader, an owner, a supervisor and a chair. */
export interface BenchCouncil {
  id: string;
  meetingId: string;
  leadOrgId: string;
  ownerId: string;
  leaderId: string;
  supervisorId: string;
  chairId: string;
}

export async function createCouncils(db: DataSource, count: number, policy: { calendar?: string }): Promise<BenchCouncil[]> {
  const councils: BenchCouncil[] = [];
  for (let i = 0; i < count; i++) {
    const c: BenchCouncil = {
      id: randomUUID(),
      meetingId: randomUUID(),
      leadOrgId: randomUUID(),
      ownerId: randomUUID(),
      leaderId: randomUUID(),
      supervisorId: randomUUID(),
      chairId: randomUUID(),
    };
    const tag = c.id.slice(0, 8);
    // The leader is set once the people exist (a foreign key refuses a leader that is not yet a person).
    await db.query(`INSERT INTO organizations (id, name, kind) VALUES ($1, $2, 'subdistrict_office')`, [c.leadOrgId, `城建办 ${tag}`]);
    for (const [id, key] of [
      [c.ownerId, 'owner'],
      [c.leaderId, 'leader'],
      [c.supervisorId, 'supervisor'],
      [c.chairId, 'chair'],
    ]) {
      await db.query(`INSERT INTO people (id, username, password_hash, name, organization_id) VALUES ($1, $2, 'x', $2, $3)`, [
        id,
        `${key}-${tag}`,
        c.leadOrgId,
      ]);
    }
    await db.query('UPDATE organizations SET leader_id = $2 WHERE id = $1', [c.leadOrgId, c.leaderId]);
    await db.query(`INSERT INTO councils (id, name, calendar, policy) VALUES ($1, $2, $3, $4)`, [
      c.id,
      `联席会议 ${tag}`,
      policy.calendar ?? 'cn',
      JSON.stringify(policy),
    ]);
    await db.query(`INSERT INTO council_roles (council_id, person_id, role) VALUES ($1, $2, 'chair'), ($1, $3, 'supervisor')`, [
      c.id,
      c.chairId,
      c.supervisorId,
    ]);
    await db.query(`INSERT INTO meetings (id, council_id, title, kind, held_at) VALUES ($1, $2, '第一次联席会议', 'regular', now())`, [
      c.meetingId,
      c.id,
    ]);
    councils.push(c);
  }
  return councils;
}

/** What the schedule reads of a resolution; the loader writes exactly these fields. */
export type Subject = Pick<
  Resolution,
  'status' | 'dueAt' | 'assignedAt' | 'acceptedAt' | 'lastProgressAt' | 'lastReportCycleAt' | 'priority'
>;

const CHUNK = 10_000;

/**
 * Inserts `count` resolutions (round-robin over the councils) and their pending actions, planned by
 * ScheduleSyncService.plan — keys exactly as a workflow transition would write them. All councils
 * share one policy, so plans are memoised by subject: a million items with a few thousand distinct
 * subjects plan in seconds. Answers the number of action rows written.
 */
export async function loadResolutions(
  bench: Bench,
  councils: BenchCouncil[],
  count: number,
  subjectOf: (i: number) => Subject,
): Promise<number> {
  const sync = bench.app.get(ScheduleSyncService);
  const ctx: CouncilContext = await bench.app.get(CouncilsService).contextIn(bench.db.manager, councils[0].id);
  const memo = new Map<string, ReturnType<ScheduleSyncService['plan']>>();
  const [{ seq }] = await bench.db.query<{ seq: number }[]>('SELECT coalesce(max(number), 0) AS seq FROM resolutions');
  let actions = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const r = {
      id: [] as string[],
      council: [] as string[],
      meeting: [] as string[],
      lead: [] as string[],
      owner: [] as string[],
      status: [] as string[],
      due: [] as Date[],
      assigned: [] as (Date | null)[],
      accepted: [] as (Date | null)[],
      progress: [] as (Date | null)[],
      cycle: [] as (Date | null)[],
    };
    const a = {
      council: [] as string[],
      resolution: [] as string[],
      kind: [] as string[],
      key: [] as string[],
      fire: [] as Date[],
      nominal: [] as Date[],
      level: [] as (number | null)[],
      recipients: [] as string[],
    };
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const c = councils[i % councils.length];
      const s = subjectOf(i);
      const id = randomUUID();
      Object.entries({
        id,
        council: c.id,
        meeting: c.meetingId,
        lead: c.leadOrgId,
        owner: c.ownerId,
        status: s.status,
        due: s.dueAt,
        assigned: s.assignedAt,
        accepted: s.acceptedAt,
        progress: s.lastProgressAt,
        cycle: s.lastReportCycleAt,
      }).forEach(([k, v]) => (r[k as keyof typeof r] as unknown[]).push(v));
      const memoKey = [s.status, s.priority, s.dueAt, s.assignedAt, s.acceptedAt, s.lastProgressAt, s.lastReportCycleAt]
        .map((v) => (v instanceof Date ? v.getTime() : v))
        .join('|');
      if (!memo.has(memoKey)) memo.set(memoKey, sync.plan(s as Resolution, ctx, new Set()));
      for (const p of memo.get(memoKey)!) {
        Object.entries({
          council: c.id,
          resolution: id,
          kind: p.kind,
          key: p.key,
          fire: p.fireAt,
          nominal: p.nominalAt,
          level: p.level,
          recipients: `{${p.recipients.join(',')}}`,
        }).forEach(([k, v]) => (a[k as keyof typeof a] as unknown[]).push(v));
      }
    }
    await bench.db.query(
      `INSERT INTO resolutions (id, council_id, meeting_id, number, title, status, lead_organization_id, owner_id, due_at, original_due_at, assigned_at, accepted_at, last_progress_at, last_report_cycle_at)
       SELECT id, council, meeting, $12 + n, '压测事项 ' || ($12 + n), status, lead, owner, due, due, assigned, accepted, progress, cycle
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
              WITH ORDINALITY AS x(id, council, meeting, lead, owner, status, due, assigned, accepted, progress, cycle, n)`,
      [r.id, r.council, r.meeting, r.lead, r.owner, r.status, r.due, r.assigned, r.accepted, r.progress, r.cycle, seq + start],
    );
    for (let i = 0; i < a.key.length; i += 50_000) {
      const part = (xs: unknown[]) => xs.slice(i, i + 50_000);
      await bench.db.query(
        `INSERT INTO scheduled_actions (council_id, resolution_id, kind, key, fire_at, nominal_at, level, recipients)
         SELECT council, resolution, kind, key, fire, nominal, level, recipients::text[]
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::smallint[], $8::text[]) AS x(council, resolution, kind, key, fire, nominal, level, recipients)`,
        [part(a.council), part(a.resolution), part(a.kind), part(a.key), part(a.fire), part(a.nominal), part(a.level), part(a.recipients)],
      );
    }
    actions += a.key.length;
  }
  await bench.db.query('ANALYZE resolutions; ANALYZE scheduled_actions');
  return actions;
}
