/**
 * Every benchmark, one after the other, then a summary of the targets (BENCHMARKS.md explains them).
 * The data set is built once into a template database and cloned fresh for each benchmark; all
 * benchmark databases are dropped at the end unless BENCH_KEEP=1.
 *
 *   npm run bench          (= nest build, then node dist/bench/run-all.js)
 */
import { runHttpBaselines } from './http-baselines';
import { runResolutionImport } from './resolution-import';
import { runResolutionProgress } from './resolution-progress';
import { runResolutionsRead } from './resolutions-read';
import { dropBenchDatabases, freshBenchDatabase } from './support/dataset';
import type { BenchReport } from './support/report';

async function main(): Promise<void> {
  const reports: BenchReport[] = [];
  try {
    reports.push(await runHttpBaselines());
    await freshBenchDatabase(); // builds the template once
    process.env.BENCH_REUSE_TEMPLATE = '1';
    reports.push(await runResolutionsRead());
    reports.push(await runResolutionProgress());
    reports.push(await runResolutionImport());
  } finally {
    if (process.env.BENCH_KEEP !== '1') await dropBenchDatabases(true);
  }
  console.log('\n== summary');
  for (const r of reports)
    for (const c of r.checks) console.log(`  ${c.pass ? 'pass' : 'FAIL'}  ${r.bench}: ${c.name}: ${c.measured} (target ${c.target})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
