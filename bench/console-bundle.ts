/**
 * What the console makes a browser download, gzip-compressed (zlib level 9, as Vite reports it):
 * the sign-in page (the entry, its static imports and styles, and the sign-in route's chunk), the
 * board route on top of that (layout + board chunks), and the whole build for scale. Reads the
 * build's manifest (web/dist/.vite/manifest.json); builds the console first when it is missing.
 *
 *   npm run bench:console
 *
 * The limit (issue 11): the sign-in page's JavaScript and CSS ≤ 350 KB gzip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const LIMIT_KB = 350;

function manifest(): Record<string, Chunk> {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) execFileSync('npm', ['-w', 'web', 'run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Chunk>;
}

/** The files a chunk needs before it runs: itself, its styles, and its static imports, transitively. */
function closure(chunks: Record<string, Chunk>, key: string, into = new Set<string>()): Set<string> {
  const chunk = chunks[key];
  if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(chunks, imported, into);
  return into;
}

function sizes(files: Iterable<string>): { raw: number; gzip: number; js: number; css: number } {
  const out = { raw: 0, gzip: 0, js: 0, css: 0 };
  for (const file of files) {
    const bytes = readFileSync(join(DIST, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    out.raw += bytes.length;
    out.gzip += gz;
    if (file.endsWith('.css')) out.css += gz;
    else out.js += gz;
  }
  return out;
}

function allAssets(dir = join(DIST, 'assets')): string[] {
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile() && /\.(js|css)$/.test(f))
    .map((f) => `assets/${f}`);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): void {
  const chunks = manifest();
  const entry = Object.keys(chunks).find((k) => chunks[k].isEntry)!;
  const signIn = closure(chunks, 'src/pages/LoginPage.vue', closure(chunks, entry));
  const board = closure(chunks, 'src/pages/BoardPage.vue', closure(chunks, 'src/layouts/MainLayout.vue'));
  const boardExtra = [...board].filter((f) => !signIn.has(f));
  const boardChunk = chunks['src/pages/BoardPage.vue'];
  const boardOwn = [boardChunk.file, ...(boardChunk.css ?? [])];
  const chart = [...closure(chunks, 'src/components/UnitChart.vue')].filter((f) => !signIn.has(f) && !board.has(f));
  const whole = allAssets();

  const rows: [string, ReturnType<typeof sizes>, number][] = [
    ['sign-in page (entry + sign-in route)', sizes(signIn), signIn.size],
    ['board route chunk alone (BoardPage js + css)', sizes(boardOwn), boardOwn.length],
    ['board route after sign-in (layout + board + shared, not yet loaded)', sizes(boardExtra), boardExtra.length],
    ['board chart (ECharts), loaded after the figures are drawn', sizes(chart), chart.length],
    ['whole build (every js and css)', sizes(whole), whole.length],
  ];
  console.log('console bundle, gzip level 9 (raw in brackets)');
  for (const [name, s, files] of rows)
    console.log(`  ${name.padEnd(70)} ${kb(s.gzip).padStart(9)}  (js ${kb(s.js)}, css ${kb(s.css)}; raw ${kb(s.raw)}; ${files} files)`);
  const signInKb = rows[0][1].gzip / 1024;
  const ratio = signInKb / LIMIT_KB;
  console.log(`  sign-in page vs the ${LIMIT_KB} KB limit: ${(ratio * 100).toFixed(1)} % — ${ratio <= 1 ? 'PASS' : 'FAIL'}`);
  console.log(`  sign-in page vs the whole build: ${((rows[0][1].gzip / rows[4][1].gzip) * 100).toFixed(1)} %`);
  if (ratio > 1) process.exitCode = 1;
}

main();
