import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { eventHash, plain } from '../../src/audit/event-hash';
import { runMigrations } from '../../src/database/run-migrations';
import { ADMIN, BENCH_DB, call, clearQueues, dbUrl, login, PASSWORD, PG_BASE, startService, TEMPLATE_DB } from './service';
import { seedSql } from './seed-sql';

export const SIZE = {
  councils: 20,
  resolutions: Number(process.env.BENCH_RESOLUTIONS ?? 100_000),
  orgs: 60,
  peoplePerOrg: 8,
  meetingsPerCouncil: 12,
};

/**
 * A fresh `duban_bench` for one benchmark, cloned from a template database holding the data set.
 * The template is rebuilt unless BENCH_REUSE_TEMPLATE=1 and it exists (run-all builds it once).
 */
export async function freshBenchDatabase(): Promise<string> {
  const reuse = process.env.BENCH_REUSE_TEMPLATE === '1' && (await databaseExists(TEMPLATE_DB));
  if (!reuse) await buildTemplate();
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DB} TEMPLATE ${TEMPLATE_DB}`);
  });
  return dbUrl(BENCH_DB);
}

/** Drops the benchmark databases (the template stays unless `all`). */
export async function dropBenchDatabases(all = false): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    if (all) await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  });
}

async function buildTemplate(): Promise<void> {
  const t0 = Date.now();
  console.log(`building ${TEMPLATE_DB}: ${SIZE.resolutions} resolutions across ${SIZE.councils} councils …`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`));
  const url = dbUrl(TEMPLATE_DB);
  await runMigrations(url);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(seedSql(SIZE, db.escapeLiteral(await hash(PASSWORD))));
    console.log(`  rows inserted (${seconds(t0)})`);
    await writeRegistrationEvents(db);
    await db.query('COMMIT');
    console.log(`  audit chain written (${seconds(t0)})`);
  } finally {
    await db.end();
  }
  await planReminders(url);
  console.log(`  reminders planned by the service (${seconds(t0)})`);
  await withClient(url, (c) => c.query('VACUUM ANALYZE'));
  console.log(`  ${TEMPLATE_DB} ready (${seconds(t0)})`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * One `resolution.registered` event per resolution, hash-chained per council exactly as
 * AuditService.append writes them (so `GET /councils/:id/audit/verify` holds on the data set).
 */
async function writeRegistrationEvents(db: Client): Promise<void> {
  const councils = (
    await db.query(
      `SELECT c.id, (SELECT person_id FROM council_roles WHERE council_id = c.id AND role = 'secretary' LIMIT 1) AS secretary FROM councils c`,
    )
  ).rows;
  for (const council of councils) {
    const rows = (await db.query('SELECT * FROM resolutions WHERE council_id = $1 ORDER BY number', [council.id])).rows;
    let prev: string | null = null;
    const cols: unknown[][] = [[], [], [], [], [], [], []];
    rows.forEach((r, i) => {
      const after = plain(registrationSnapshot(r));
      const content = {
        councilId: council.id,
        seq: String(i + 1),
        resolutionId: r.id,
        entityType: 'resolution',
        entityId: r.id,
        action: 'resolution.registered',
        actorId: council.secretary,
        at: r.created_at.toISOString(),
        before: null,
        after,
      };
      const h = eventHash(prev, content);
      [String(i + 1), r.id, council.secretary, r.created_at, JSON.stringify(after), prev, h].forEach((v, k) => cols[k].push(v));
      prev = h;
    });
    await db.query(
      // Unkeyed (hash_version 1), as an older version wrote them: the service seals each chain with a
      // keyed audit.keyed event at its first start, as it does on an upgraded database.
      `INSERT INTO events (council_id, seq, resolution_id, entity_type, entity_id, action, actor_id, at, before, after, prev_hash, hash, hash_version)
       SELECT $1, s, rid, 'resolution', rid, 'resolution.registered', actor, at, NULL, after::jsonb, prev, h, 1
         FROM unnest($2::bigint[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[], $8::text[]) AS t(s, rid, actor, at, after, prev, h)`,
      [council.id, ...cols],
    );
    await db.query('UPDATE councils SET event_seq = $2, event_head_hash = $3 WHERE id = $1', [council.id, rows.length, prev]);
  }
}

/** What the registration event records: the item as registered (before any assignment). */
function registrationSnapshot(r: Record<string, any>) {
  return {
    id: r.id,
    councilId: r.council_id,
    meetingId: r.meeting_id,
    parentId: r.parent_id,
    number: r.number,
    title: r.title,
    description: r.description,
    category: r.category,
    priority: r.priority,
    status: 'registered',
    coOrganizationIds: [],
    createdAt: r.created_at,
    updatedAt: r.created_at,
    version: 1,
  };
}

/**
 * Lets the service itself plan every open item's reminders (PUT /councils/:id/policy recomputes
 * them through the reminder engine), then marks those already past as carried out, as the worker
 * would have.
 */
async function planReminders(url: string): Promise<void> {
  const service = await startService(url);
  try {
    const token = await login(service.url, ADMIN.username, ADMIN.password);
    const councils = (await withClient(url, (c) => c.query('SELECT id, policy FROM councils ORDER BY name'))).rows;
    for (const c of councils) await call(service.url, 'PUT', `/councils/${c.id}/policy`, token, c.policy);
  } finally {
    await service.stop();
    await clearQueues();
  }
  await withClient(url, (c) =>
    c.query(`UPDATE scheduled_actions SET status = 'done', handled_at = fire_at WHERE status = 'pending' AND fire_at < now()`),
  );
}

async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  return withClient(`${PG_BASE}/postgres`, fn);
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
