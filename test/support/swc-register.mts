// Runs the TypeScript sources directly in a child process (`node --import ./test/support/swc-register.mts
// src/worker.ts`): SWC transpiles each file of the repository to CommonJS with the project's .swcrc, as
// jest does. Fault tests and the engine benchmark start real worker processes this way, with no build.
//
// Node's own type stripping cannot run src: Nest needs decorators and their emitted metadata, which
// are not erasable syntax. So this hooks module loading (module.registerHooks, synchronous, in this
// thread, for require() and import alike) and hands Node the SWC output; Node strips this file itself.
import { transformSync, type Options } from '@swc/core';
import * as fs from 'node:fs';
import { registerHooks } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..', '..');
const options = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8')) as Options & { $schema?: string };
delete options.$schema;

registerHooks({
  // The sources import each other without an extension (`./app.module`), as TypeScript writes it.
  resolve(specifier, context, nextResolve) {
    const fromSource = context.parentURL?.endsWith('.ts') && (specifier.startsWith('./') || specifier.startsWith('../'));
    if (fromSource && !specifier.endsWith('.ts')) {
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        if (fs.existsSync(fileURLToPath(new URL(candidate, context.parentURL)))) return nextResolve(candidate, context);
      }
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) return nextLoad(url, context);
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false, sourceMaps: 'inline' });
    return { format: 'commonjs', source: code, shortCircuit: true };
  },
});
