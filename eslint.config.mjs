// Lint for Duban: typescript-eslint's type-aware rules, no warnings allowed (`--max-warnings 0`).
// The two rules STYLE.md asks for by name are listed explicitly so nobody drops them by accident:
// no-floating-promises (an un-awaited `queue.add` loses a job) and switch-exhaustiveness-check
// (a state machine must handle every status).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parserOptions: {
        // One program for the whole repository (tsconfig.json covers src, test, bench, migrations).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        // Every member of a union (a status, an action) must have its case: a `default` branch does
        // not count as handling the ones left out. A defensive `default` after all cases is fine.
        { allowDefaultCaseForExhaustiveSwitch: true, requireDefaultForNonUnion: false, considerDefaultExhaustiveForUnions: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Lifecycle hooks and callbacks typed to return a Promise (Nest hooks, the workflow's step
      // functions) are `async` without an `await` by design; flagging them is noise, not a bug.
      '@typescript-eslint/require-await': 'off',
      // Static helpers (`items.map(Queue.bucketOf)`) have no `this` to lose; instance methods are
      // still checked.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      // `require()` of a package's JSON data file is the plain way to read it (its exports map may not
      // allow an import); code modules still have to be imported.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['\\.json$'] }],
      // Part of the dependency rule (.dependency-cruiser.cjs): a cycle between modules is broken by
      // moving the shared thing down or through a port the lower module owns (common/wiring.module.ts),
      // never papered over with forwardRef.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['forwardRef'],
              message: 'no forwardRef: move the shared thing down, or bind a port in WiringModule (see .dependency-cruiser.cjs)',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks read loosely typed JSON bodies (`any`) from HTTP responses on purpose; the
    // unsafe-* family would demand a type for every response shape, which adds nothing a failing
    // `expect` does not already catch.
    files: ['test/**/*.ts', 'test/**/*.mts', 'bench/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // jest's `expect(obj.method)` and `afterAll(() => t.close())` pass methods around unbound.
      '@typescript-eslint/unbound-method': 'off',
    },
    // Some helpers carry a file-wide `eslint-disable no-explicit-any` written before this config
    // turned the rule off here; a now-unneeded directive in a test is harmless, so do not fail on it.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  // Layout is prettier's (`npm run format`, checked by `npm run lint`); no eslint rule argues with it.
  prettier,
  {
    // prettier wraps code at 140 but leaves comments, strings and SQL templates alone: this keeps
    // comments inside the same limit (strings and templates stay whole so messages can be grepped).
    rules: {
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
);
