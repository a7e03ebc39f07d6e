/**
 * Import: a 10,000-row XLSX posted to `POST /meetings/:id/resolutions/import` by a secretary,
 * against the floor any such import has — reading the same workbook with exceljs and inserting
 * 10,000 rows with one multi-row INSERT straight through `pg` — measured in the same run.
 *
 *   npx nest build && node dist/bench/resolution-import.js
 */
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { freshBenchDatabase, withClient } from './support/dataset';
import { loadCouncils, type CouncilFixture } from './support/fixture';
import { quiet } from './support/load';
import { finish, percent, type BenchReport } from './support/report';
import { clearQueues, login, startService } from './support/service';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const TARGET_SECONDS = 10;

export async function runResolutionImport(): Promise<BenchReport> {
  const url = await freshBenchDatabase();
  const [council] = await loadCouncils(url);
  const file = await workbook(url, council);
  console.log(`workbook: ${ROWS} rows, ${(file.length / 1024).toFixed(0)} KiB`);
  const service = await startService(url);
  try {
    const token = await login(service.url, council.secretary.username);
    const rounds: { import: number; floor: number; parse: number; insert: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await quiet();
      const parse = await timed(async () => new ExcelJS.Workbook().xlsx.load(file as unknown as ArrayBuffer));
      const insert = await timed(() => directInsert(url, council));
      await quiet();
      const seconds = await timed(() => postImport(service.url, token, council.meetingId, file));
      rounds.push({ import: seconds, floor: parse + insert, parse, insert });
      console.log(
        `  round ${i + 1}/${ROUNDS}: import ${seconds.toFixed(2)} s; floor ${(parse + insert).toFixed(2)} s (exceljs read ${parse.toFixed(2)} s + one INSERT of ${ROWS} rows ${insert.toFixed(2)} s)`,
      );
    }
    const median = [...rounds].sort((a, b) => a.import - b.import)[Math.floor((rounds.length - 1) / 2)];
    const ratio = median.floor / median.import;
    console.log(
      `median import ${median.import.toFixed(2)} s, its floor ${median.floor.toFixed(2)} s: the floor is ${percent(ratio)} of the import`,
    );
    return finish({
      bench: 'resolution-import',
      command: 'node dist/bench/resolution-import.js',
      figures: { rows: ROWS, bytes: file.length, median, rounds, floorShare: ratio },
      checks: [
        {
          name: `import of ${ROWS} XLSX rows`,
          measured: `${median.import.toFixed(2)} s`,
          target: `≤ ${TARGET_SECONDS} s`,
          pass: median.import <= TARGET_SECONDS,
        },
      ],
    });
  } finally {
    await service.stop();
    await clearQueues();
  }
}

/** Decisions as a secretary writes them: Chinese headers, names (not ids), dates as text. */
async function workbook(url: string, council: CouncilFixture): Promise<Buffer> {
  const { rows } = await withClient(url, (c) =>
    c.query<{ org: string; owner: string }>(
      `SELECT o.name AS org, p.username AS owner FROM council_members m JOIN organizations o ON o.id = m.organization_id
         JOIN people p ON p.organization_id = o.id WHERE m.council_id = $1 AND p.username LIKE '%\\_4' ORDER BY o.name`,
      [council.id],
    ),
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('决定事项');
  sheet.addRow(['标题', '说明', '类别', '优先级', '牵头单位', '协办单位', '责任人', '完成时限']);
  const priorities = ['一般', '一般', '重要', '紧急'];
  for (let i = 0; i < ROWS; i++) {
    const lead = rows[i % rows.length];
    const co = rows[(i + 1) % rows.length];
    const due = new Date(Date.now() + (30 + (i % 120)) * 86_400_000).toISOString().slice(0, 10);
    sheet.addRow([
      `导入事项 ${i + 1}：推进片区改造第${i + 1}项`,
      '按会议纪要要求落实，按月报送进展。',
      '城市更新',
      priorities[i % 4],
      lead.org,
      co.org,
      lead.owner,
      due,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function postImport(baseUrl: string, token: string, meetingId: string, file: Buffer): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'decisions.xlsx');
  const res = await fetch(`${baseUrl}/api/v1/meetings/${meetingId}/resolutions/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as { created?: number };
  if (res.status >= 300 || body.created !== ROWS) throw new Error(`import → ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
}

/** The same rows in one INSERT (values sent from here as arrays, then rolled back), through a bare client. */
async function directInsert(url: string, council: CouncilFixture): Promise<void> {
  const numbers = Array.from({ length: ROWS }, (_, i) => 1_000_000 + i);
  const titles = numbers.map((n) => `导入事项 ${n}：推进片区改造第${n}项`);
  const due = numbers.map((_, i) => new Date(Date.now() + (30 + (i % 120)) * 86_400_000).toISOString());
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO resolutions (council_id, meeting_id, number, title, description, category, priority, status, due_at)
       SELECT $1, $2, n, t, '按会议纪要要求落实，按月报送进展。', '城市更新', 'normal', 'registered', d
         FROM unnest($3::int[], $4::text[], $5::timestamptz[]) AS x(n, t, d)`,
      [council.id, council.meetingId, numbers, titles, due],
    );
    await c.query('ROLLBACK');
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

if (require.main === module) {
  runResolutionImport().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
