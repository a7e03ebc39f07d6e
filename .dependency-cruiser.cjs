// The dependency rule (`npm run lint`): dependencies between the folders of src/ point one way.
//
//   config/   the validated environment: imports nothing of ours
//   database/ data source, entity pattern, migration runner, row helpers: may use config/
//   common/   errors, clock, principal, queues, validation, hooks: may use config/
//   features  may use the three above and the exported services of the features below them
//   src/*.ts  the composition root (app.module, main, worker, http-app): may use anything
//
// Checked here: no cycle between folders (a folder importing a folder that imports it back, or
// longer loops) nor between files; nothing low imports a feature or the root; no dynamic import
// (the usual way around a cycle). `forwardRef` is refused by eslint (eslint.config.mjs).
// test/e2e/dependency-rule.e2e-spec.ts shows them failing on planted upward imports and cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment:
        'Two folders of src/ import each other (directly or round a loop): move the shared thing down, or invert it through a port the lower one owns.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'Files import each other round a loop.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'config-imports-nothing',
      comment: 'config/ is the validated environment; it depends on nothing else of ours.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'no-upward-imports',
      comment: 'common/ sits below every feature: it may use config/ only (and itself).',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/(config|common)/' },
    },
    {
      name: 'no-upward-imports-from-database',
      comment: 'database/ sits below every feature (entities are found by file pattern): it may use config/ only (and itself).',
      severity: 'error',
      from: { path: '^src/database/' },
      to: { path: '^src/', pathNot: '^src/(config|database)/' },
    },
    {
      name: 'no-import-of-the-root',
      comment: 'The root files compose the app; only tools (demo/) start it.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/demo/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'no-foreign-tables',
      comment:
        "A feature reads and writes its own tables; another module's data comes through that module's exported service. Types of its entities (import type) are fine.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/demo/' },
      to: { path: '^src/[^/]+/.+[.]entity[.]ts$', pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-dynamic-imports',
      comment: 'A lazy import() is the usual way round a cycle; take the dependency the right way instead.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', dependencyTypes: ['dynamic-import'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // Type-only imports count: a folder that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
