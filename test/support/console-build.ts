import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
export const CONSOLE_DIST = join(root, 'web', 'dist');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Builds the console (vite, a few seconds) when web/dist is missing or older than its sources, so
 * the browser tier always drives the code under test, whether or not `npm run build` ran first.
 */
export function ensureConsoleBuilt(): string {
  const index = join(CONSOLE_DIST, 'index.html');
  const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(root, 'web', p))));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync('npm', ['-w', 'web', 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  return CONSOLE_DIST;
}
