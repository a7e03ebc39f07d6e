// Four tiers, each a jest project; `npm test` runs them all, `npm run test:<tier>` one of them.
//   unit         pure logic next to it (src/**/*.spec.ts): no database, no Redis, no clock but a fake one
//   integration  real PostgreSQL; the reminder engine moved by an injected ManualClock and run by the test
//                (ActionHandlerService.processDue()), no queue consumer, no sleeping
//   e2e          the API over HTTP on real PostgreSQL (and Redis as the queue's producer side)
//   faults       real time and real processes: a private Redis flushed or restarted, workers killed with -9
//   browser      the web console in headless Chromium (playwright-core + Debian's chromium) against the API
// NestJS 12 ships ESM only, so SWC transpiles it to CommonJS for jest.
const fs = require('node:fs');

// Names this run (the parent process; workers inherit the variable) so its global setup, its test
// files and its teardown find the same state file: one database and one Redis prefix per run.
process.env.DUBAN_TEST_RUN = process.env.DUBAN_TEST_RUN || `${process.pid}`;

const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm|content-disposition)/)',
  ],
};
// The tiers that talk to services share one database per run: jest runs a global setup or teardown
// module once however many projects name it.
const services = {
  ...base,
  setupFiles: ['<rootDir>/test/support/env.setup.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  // A global option (ignored inside `projects`): the faults tier waits on real seconds.
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...services, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...services, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...services, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'] },
    { ...services, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
