// Two tiers: `unit` (pure logic, no services) and `e2e` (real PostgreSQL and Redis, a fresh
// database per run). NestJS 12 ships ESM only, so SWC transpiles it to CommonJS for jest.
require('./test/support/run-id');
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] };
const transformIgnorePatterns = ['/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm)/)'];

module.exports = {
  // A global option (ignored inside `projects`): e2e tests wait on real seconds in the engine's tests.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      setupFiles: ['<rootDir>/test/support/env.setup.js'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
