/**
 * A 督查通报 for a council with 10,000 items in its period: the time to compute and store the
 * snapshot (POST /councils/:id/bulletins) and to render it in every format (GET /bulletins/:id?format=),
 * each beside the service's memory (resident set now and its peak so far, from /proc/<pid>/status).
 *
 *   npx nest build && node dist/bench/supervision-bulletin.js
 *
 * Its own database, `duban_bench_bulletin`, dropped at the end (kept with BENCH_KEEP=1).
 * BENCH_BULLETIN_ITEMS changes the size (10000), BENCH_ROUNDS how often each format is fetched (3).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../src/database/run-migrations';
import { withClient } from './support/dataset';
import { DIST } from './support/processes';
import { finish, ms, type BenchReport } from './support/report';
import { ADMIN, call, clearQueues, dbUrl, login, PG_BASE, startService } from './support/service';

const ITEMS = Number(process.env.BENCH_BULLETIN_ITEMS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FORMATS = ['json', 'html', 'csv', 'xlsx', 'docx'] as const;
const DB = 'duban_bench_bulletin';
const UNITS = 20;
const OWNERS = 200;
const LIMIT_MS = 5_000;

/** The service's resident set and its peak so far, in MB. */
function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/**
 * The council through the API (units, its supervisor, its roles), then its 10,000 items, their events
 * and checks in bulk SQL: items of a meeting held in the period, every status, deadlines spread over
 * the period so that many are overdue, a fifth escalated, a fifth with a missed report.
 */
async function seed(url: string, baseUrl: string): Promise<{ councilId: string; supervisor: string }> {
  const admin = await login(baseUrl, ADMIN.username, ADMIN.password);
  const units: string[] = [];
  for (let i = 0; i < UNITS; i++)
    units.push((await call(baseUrl, 'POST', '/organizations', admin, { name: `通报单位 ${i}`, kind: 'other' })).id);
  const person = async (username: string, name: string) =>
    (await call(baseUrl, 'POST', '/people', admin, { username, password: 'bench-password', name, organizationId: units[0] })).id as string;
  const supervisor = await person('bulletin-supervisor', '督查员');
  const chair = await person('bulletin-chair', '召集人');
  const council = await call(baseUrl, 'POST', '/councils', admin, {
    name: '通报基准联席会议',
    memberOrganizationIds: units,
    chairId: chair,
    secretaryIds: [],
    supervisorIds: [supervisor],
  });
  await withClient(url, async (c) => {
    await c.query(`CREATE TEMP TABLE u AS SELECT n - 1 AS n, id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)`, [units]);
    await c.query(
      `INSERT INTO people (id, username, password_hash, name, organization_id)
       SELECT md5('bulletin' || g)::uuid, 'bulletin-owner-' || g, 'x', '责任人' || g, u.id FROM generate_series(0, ${OWNERS - 1}) g JOIN u ON u.n = g % ${UNITS}`,
    );
    const [{ id: meetingId }] = (
      await c.query(
        `INSERT INTO meetings (council_id, title, kind, held_at) VALUES ($1, '第十次联席会议', 'regular', now() - interval '25 days') RETURNING id`,
        [council.id],
      )
    ).rows;
    await c.query(
      `INSERT INTO resolutions (council_id, meeting_id, number, title, status, priority, lead_organization_id, co_organization_ids, owner_id,
                                due_at, original_due_at, completion_requested_at, closed_at, assigned_at, accepted_at, escalation_level)
       SELECT $1, $2, k + 1, '第' || (k + 1) || '项：推进片区更新改造工作并按期报送进展情况',
              (ARRAY['registered','assigned','in_progress','in_progress','completion_requested','closed','closed','cancelled'])[1 + k % 8],
              (ARRAY['normal','high','urgent'])[1 + (k / 8) % 3], lead.id, ARRAY[co.id], md5('bulletin' || ((k / 8) % ${OWNERS}))::uuid,
              now() + ((k / 8) % 40 - 20) * interval '1 day', now() + ((k / 8) % 40 - 25) * interval '1 day',
              CASE WHEN k % 8 IN (4, 5, 6) THEN now() + ((k / 8) % 40 - 22) * interval '1 day' END,
              CASE WHEN k % 8 IN (5, 6) THEN now() - ((k / 8) % 20) * interval '1 day' END,
              now() - interval '24 days', now() - interval '23 days', CASE WHEN (k + 1) % 5 = 0 THEN 1 + k % 3 ELSE 0 END
         FROM generate_series(0, ${ITEMS - 1}) k
         JOIN u lead ON lead.n = ((k / 8) % ${OWNERS}) % ${UNITS}
         JOIN u co ON co.n = (((k / 8) % ${OWNERS}) + 3) % ${UNITS}`,
      [council.id, meetingId],
    );
    // Escalations and missed reports as the engine records them (the bulletin reads action, at, after);
    // stand-in hashes, marked unkeyed (hash_version 1): the bulletin never verifies the chain.
    await c.query(
      `INSERT INTO events (council_id, seq, resolution_id, entity_type, entity_id, action, at, after, hash, hash_version)
       SELECT r.council_id, (SELECT coalesce(max(seq), 0) FROM events WHERE council_id = $1) + row_number() OVER (ORDER BY r.number, x.action), r.id, 'resolution', r.id, x.action,
              now() - (r.number % 20) * interval '1 day', jsonb_build_object('escalationLevel', r.escalation_level), md5(r.id::text || x.action), 1
         FROM resolutions r
         JOIN (VALUES ('resolution.escalated', 0), ('resolution.report_missed', 1)) AS x(action, k) ON r.number % 5 = x.k
        WHERE r.council_id = $1 AND r.status <> 'cancelled' AND (x.k = 1 OR r.escalation_level > 0)`,
      [council.id],
    );
    await c.query(
      `INSERT INTO supervision_checks (resolution_id, council_id, checked_at, method, inspector_ids, findings, rating, recorded_by_id)
       SELECT r.id, r.council_id, now() - (r.number % 20) * interval '1 day', 'site_visit', ARRAY[$2::uuid], '现场查看：进度滞后，需加快推进', 'needs_improvement', $2
         FROM resolutions r WHERE r.council_id = $1 AND r.number % 20 = 0`,
      [council.id, supervisor],
    );
    await c.query('VACUUM ANALYZE resolutions, events, supervision_checks');
  });
  return { councilId: council.id, supervisor: await login(baseUrl, 'bulletin-supervisor', 'bench-password') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runSupervisionBulletin(): Promise<BenchReport> {
  await withClient(`${PG_BASE}/postgres`, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const url = dbUrl(DB);
  await runMigrations(url);
  const service = await startService(url, join(DIST, 'bench/support/api-no-docs-ui.js'));
  try {
    const { councilId, supervisor } = await seed(url, service.url);
    const idle = memory(service.pid);
    console.log(`${ITEMS} items in the period; service after seeding: ${idle.rssMb} MB resident`);

    const createTimes: number[] = [];
    let bulletinId = '';
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const b = await call(service.url, 'POST', `/councils/${councilId}/bulletins`, supervisor, {
        periodStart: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        periodEnd: new Date().toISOString(),
      });
      createTimes.push(performance.now() - start);
      bulletinId = b.id;
    }
    const created = memory(service.pid);
    console.log(`compute and store: median ${ms(median(createTimes))} of [${createTimes.map((t) => t.toFixed(0)).join(', ')}] ms`);
    console.log(`  memory: ${created.rssMb} MB resident, peak ${created.peakMb} MB`);

    const formats: Record<string, { ms: number; worstMs: number; bytes: number; rssMb: number; peakMb: number }> = {};
    for (const format of FORMATS) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const start = performance.now();
        const res = await fetch(`${service.url}/api/v1/bulletins/${bulletinId}?format=${format}`, {
          headers: { authorization: `Bearer ${supervisor}` },
        });
        const body = Buffer.from(await res.arrayBuffer());
        times.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`format ${format}: ${res.status} ${body.toString().slice(0, 300)}`);
        bytes = body.length;
      }
      const m = memory(service.pid);
      formats[format] = { ms: median(times), worstMs: Math.max(...times), bytes, ...m };
      console.log(
        `${format.padEnd(5)} median ${ms(median(times)).padStart(10)}  worst ${ms(Math.max(...times)).padStart(10)}  ${(bytes / 1024).toFixed(0).padStart(6)} KiB  service ${m.rssMb} MB resident, peak ${m.peakMb} MB`,
      );
    }
    return finish({
      bench: 'supervision-bulletin',
      command: 'node dist/bench/supervision-bulletin.js',
      figures: { items: ITEMS, rounds: ROUNDS, idle, createMs: createTimes, created, formats },
      checks: [
        {
          name: 'compute and store (worst)',
          measured: ms(Math.max(...createTimes)),
          target: '≤ 5 s',
          pass: Math.max(...createTimes) <= LIMIT_MS,
        },
        ...FORMATS.map((f) => ({
          name: `${f} (worst of ${ROUNDS})`,
          measured: ms(formats[f].worstMs),
          target: '≤ 5 s',
          pass: formats[f].worstMs <= LIMIT_MS,
        })),
      ],
    });
  } finally {
    await service.stop();
    await clearQueues();
    if (process.env.BENCH_KEEP !== '1')
      await withClient(`${PG_BASE}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  }
}

if (require.main === module) {
  runSupervisionBulletin().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
