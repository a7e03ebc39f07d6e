/**
 * The board page in headless Chromium for one council of 50,000 items: from navigation to the
 * overdue table's first row visible, median of 5 (issue 11: ≤ 1.5 s), beside its baseline measured in
 * the same run, alternating with it: `GET /supervision/board` for the same council fetched straight from
 * Node (what the page waits for before it can draw anything). The ratio is what the console adds.
 *
 *   npm run build && node dist/bench/console-board-render.js
 *
 * Needs PostgreSQL and Redis as for the tests, and Debian's chromium (`CHROMIUM_PATH` to use another).
 * The data set goes into its own database, `duban_bench_console` (dropped at the end unless BENCH_KEEP=1;
 * BENCH_CONSOLE_DB=<name> reuses one built earlier). BENCH_ROUNDS (5) sets the number of pairs.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { withClient } from './support/dataset';
import { runMigrations } from '../src/database/run-migrations';
import { DIST } from './support/processes';
import { ADMIN, dbUrl, login, PG_BASE, startService } from './support/service';

const ITEMS = 50_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DB = process.env.BENCH_CONSOLE_DB ?? 'duban_bench_console';

/** One council, 40 member units, 500 owners, 50,000 items in every status, deadlines ±100 days. */
async function buildDatabase(): Promise<string> {
  await withClient(`${PG_BASE}/postgres`, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB}`);
    await c.query(`CREATE DATABASE ${DB}`);
  });
  const url = dbUrl(DB);
  await runMigrations(url);
  await withClient(url, async (c) => {
    await c.query(`INSERT INTO councils (id, name) VALUES (gen_random_uuid(), '滨江区联席会议（基准）')`);
    await c.query(`CREATE TEMP TABLE o AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(0, 39) g`);
    await c.query(`INSERT INTO organizations (id, name, kind) SELECT id, '成员单位' || n, 'other' FROM o`);
    await c.query(`INSERT INTO council_members (council_id, organization_id) SELECT (SELECT id FROM councils), id FROM o`);
    await c.query(`CREATE TEMP TABLE p AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(0, 499) g`);
    await c.query(`INSERT INTO people (id, username, password_hash, name, organization_id)
                   SELECT p.id, 'bench-owner-' || p.n, 'x', '责任人' || p.n, o.id FROM p JOIN o ON o.n = p.n % 40`);
    await c.query(`INSERT INTO meetings (id, council_id, title, kind, held_at)
                   SELECT gen_random_uuid(), id, '第一次联席会议', 'regular', now() - interval '200 days' FROM councils`);
    await c.query(`
      INSERT INTO resolutions (council_id, meeting_id, number, title, status, priority, lead_organization_id, co_organization_ids, owner_id,
                               due_at, original_due_at, completion_requested_at, closed_at, assigned_at, accepted_at, escalation_level)
      SELECT (SELECT id FROM councils), (SELECT id FROM meetings), g + 1, '会议决定事项 ' || g,
             (ARRAY['registered','assigned','in_progress','in_progress','completion_requested','closed','closed','cancelled'])[1 + g % 8],
             (ARRAY['normal','high','urgent'])[1 + g % 3], lead.id, ARRAY[co.id], p.id,
             now() + ((g % 200) - 100) * interval '1 day', now() + ((g % 200) - 110) * interval '1 day',
             CASE WHEN g % 8 IN (4, 5, 6) THEN now() + ((g % 200) - 105) * interval '1 day' END,
             CASE WHEN g % 8 IN (5, 6) THEN now() + ((g % 200) - 100) * interval '1 day' END,
             now() - interval '120 days', now() - interval '119 days', g % 4
        FROM generate_series(0, ${ITEMS - 1}) g
        JOIN o lead ON lead.n = g % 40
        JOIN o co ON co.n = (g + 7) % 40
        JOIN p ON p.n = g % 500`);
    await c.query(`UPDATE councils SET resolution_seq = ${ITEMS}`);
    await c.query('VACUUM ANALYZE');
  });
  return url;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const url = process.env.BENCH_CONSOLE_DB ? dbUrl(DB) : await buildDatabase();
  const councilId = await withClient(url, async (c) => (await c.query<{ id: string }>('SELECT id FROM councils LIMIT 1')).rows[0].id);
  const service = await startService(url, join(DIST, 'bench/support/api-no-docs-ui.js'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const token = await login(service.url, ADMIN.username, ADMIN.password);
    const me = await (await fetch(`${service.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    const board = `${service.url}/board?councilId=${councilId}`;
    const api = `${service.url}/api/v1/supervision/board?councilId=${councilId}&limit=50`;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    // Signed in as the console keeps it (localStorage), so every navigation goes straight to the board.
    await context.addInitScript(`localStorage.setItem('duban.session', ${JSON.stringify(JSON.stringify({ token, user: me }))})`);

    const renderOnce = async (): Promise<number> => {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(board);
      await page.locator('[data-testid=overdue-table] tbody tr').first().waitFor({ timeout: 60_000 });
      const elapsed = performance.now() - started;
      await page.close();
      return elapsed;
    };
    const fetchOnce = async (): Promise<number> => {
      const started = performance.now();
      const res = await fetch(api, { headers: { authorization: `Bearer ${token}` } });
      await res.json();
      if (res.status !== 200) throw new Error(`board answered ${res.status}`);
      return performance.now() - started;
    };

    const cold = await renderOnce(); // first visit: assets downloaded, nothing cached
    await fetchOnce();
    const render: number[] = [];
    const fetched: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      fetched.push(await fetchOnce());
      render.push(await renderOnce());
    }
    const ratio = median(render.map((r, i) => r / fetched[i]));
    console.log(`board page, one council of ${ITEMS.toLocaleString('en')} items, ${ROUNDS} alternating pairs`);
    console.log(`  first visit (cold cache)                          ${cold.toFixed(0)} ms`);
    console.log(
      `  navigation → overdue table visible, median        ${median(render).toFixed(0)} ms   (all: ${render.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  baseline: GET /supervision/board from Node, median ${median(fetched).toFixed(0)} ms   (all: ${fetched.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(`  render ÷ its API call, median of pairs            ${ratio.toFixed(2)}×`);
    console.log(`  target ≤ 1,500 ms: ${median(render) <= 1500 ? 'PASS' : 'FAIL'}`);
  } finally {
    await browser.close();
    await service.stop();
    if (!process.env.BENCH_KEEP && !process.env.BENCH_CONSOLE_DB)
      await withClient(`${PG_BASE}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
