// Runs the TypeScript sources directly in a child process (`node -r ./test/support/swc-register.js
// src/worker.ts`): SWC transpiles each file to CommonJS with the project's .swcrc, as jest does.
// Fault tests and the engine benchmark start real worker processes this way, with no build step.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require(require.resolve('@swc/core', { paths: [path.join(__dirname, '..', '..')] }));

const options = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.swcrc'), 'utf8'));
delete options.$schema;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
