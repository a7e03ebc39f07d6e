#!/usr/bin/env node
// `npm test`: every tier, in two phases, then one summary line.
//
//   1. unit, integration and e2e in a pool of jest workers (DUBAN_TEST_WORKERS, default 2), each worker
//      with a database and a Redis prefix of its own (test/support/global-setup.ts);
//   2. faults and browser, in band: real time, real processes killed, lateness bounds that a busy
//      neighbour would blur; one headless Chromium at a time;
//   3. web: the console's own unit tests (Vitest, in web/), when the console is there.
//
//   node scripts/test.mjs [tier ...] [-- jest arguments]     e.g.  node scripts/test.mjs e2e -- -t login
//
// Tiers named on the command line run alone (in their phase's mode); jest arguments (a file filter,
// -t …) go to every phase. Exits non-zero if any phase failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const PHASES = [
  { tiers: ['unit', 'integration', 'e2e'], workers: Math.max(1, Number(process.env.DUBAN_TEST_WORKERS) || 2) },
  { tiers: ['faults', 'browser'], workers: 1 },
  ...(existsSync(join(ROOT, 'web', 'package.json')) ? [{ tiers: ['web'], vitest: true }] : []),
];
const TIER_OF_FILE = [
  ['web', { test: (name) => name.startsWith(join(ROOT, 'web') + '/') }],
  ['browser', /\.browser-spec\.ts$/],
  ['faults', /\.faults-spec\.ts$/],
  ['e2e', /\.e2e-spec\.ts$/],
  ['integration', /\.int-spec\.ts$/],
  ['unit', /\.spec\.ts$/],
];

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const named = (dash < 0 ? argv : argv.slice(0, dash)).filter((a) => !a.startsWith('-'));
const jestArgs = dash < 0 ? argv.filter((a) => a.startsWith('-')) : argv.slice(dash + 1);
const known = PHASES.flatMap((p) => p.tiers);
for (const tier of named) {
  if (!known.includes(tier)) {
    console.error(`unknown tier "${tier}": one of ${known.join(', ')}`);
    process.exit(2);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'duban-tests-'));
// Every in-process app writes its log here as well (test/support/app.ts); the faults phase reads it
// all for secrets (test/faults/suite-logs.faults-spec.ts).
const logs = join(dir, 'logs');
const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const totals = { passed: 0, failed: 0, skipped: 0, ran: 0 };
const seconds = Object.fromEntries(PHASES.flatMap((p) => p.tiers).map((t) => [t, 0]));
const walls = [];
let failed = false;

PHASES.forEach((phase, i) => {
  const tiers = named.length ? phase.tiers.filter((t) => named.includes(t)) : phase.tiers;
  if (!tiers.length) return;
  // A jest filter (a file, -t …) is for the jest tiers; Vitest runs only when named.
  if (phase.vitest && jestArgs.length && !named.includes('web')) return;
  const out = join(dir, `phase-${i}.json`);
  const started = Date.now();
  let run;
  if (phase.vitest) {
    // Vitest's json reporter writes jest's result shape; its own reporter prints as usual.
    console.log('\n── web: the console (Vitest)');
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const args = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
    run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: join(ROOT, 'web') });
  } else {
    const pool = phase.workers > 1 ? [`--maxWorkers=${phase.workers}`] : ['--runInBand'];
    const filter = jestArgs.length ? ['--passWithNoTests', ...jestArgs] : [];
    const args = [jest, ...pool, '--selectProjects', ...tiers, '--json', `--outputFile=${out}`, ...filter];
    console.log(`\n── ${tiers.join(', ')}: ${phase.workers > 1 ? `${phase.workers} workers` : 'in band'}`);
    const env = { ...process.env, DUBAN_TEST_LOG_DIR: logs };
    run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  }
  walls.push(`${tiers.join('+')} ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) failed = true;
  let result;
  try {
    result = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    failed = true;
    return;
  }
  totals.passed += result.numPassedTests ?? 0;
  totals.failed += result.numFailedTests ?? 0;
  totals.skipped += result.numPendingTests ?? 0;
  totals.ran += result.numTotalTests ?? 0;
  for (const file of result.testResults ?? []) {
    const tier = TIER_OF_FILE.find(([, pattern]) => pattern.test(file.name))?.[0];
    if (tier) seconds[tier] += (file.endTime - file.startTime) / 1000;
  }
});
rmSync(dir, { recursive: true, force: true });

// The plain closing line CI reads, then where the time went (file times add up across workers).
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
console.log(
  `wall: ${walls.join(', ')}; file time by tier: ${Object.entries(seconds)
    .filter(([tier]) => tier !== 'web') // Vitest's report has no file times; its wall time is above
    .map(([k, v]) => `${k} ${Math.round(v)} s`)
    .join(', ')}`,
);
if (!totals.ran && !jestArgs.length) {
  console.error('no test ran');
  failed = true;
}
process.exit(failed ? 1 : 0);
