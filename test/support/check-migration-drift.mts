// Migration drift check (`npm run migration:check`): entities and migrations must never drift apart.
//
// 1. creates a throwaway database,
// 2. applies every migration with the built runner (`node dist/src/migrate.js`),
// 3. asks the TypeORM CLI what `migration:generate` would produce against the built data source
//    (`--dryrun --check`: exits 1 and prints the migration when the entities need SQL the
//    migrations do not contain),
// 4. drops the database, whatever happened.
//
// Exits 0 when nothing would be generated, 1 on drift (printing the SQL), 2 on any other failure.
// Needs a build first (`npx nest build`). The server is taken from MIGRATION_CHECK_ADMIN_URL, else
// TEST_DATABASE_URL (as the e2e tests use), else postgres://postgres@127.0.0.1:5432/postgres.
//
// Node runs this TypeScript file itself (`node test/support/check-migration-drift.mts`, type
// stripping): only erasable syntax here, no enums or parameter properties. It is `.mts`, an ES module
// for Node and for TypeScript alike (a `.ts` with imports in this package, which has no "type", is
// CommonJS to TypeScript but an ES module to Node, which warns about the guess).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

const root = path.resolve(import.meta.dirname, '..', '..');
const runner = path.join(root, 'dist/src/migrate.js');
const dataSource = path.join(root, 'dist/src/database/data-source.js');
const typeormCli = path.join(root, 'node_modules/typeorm/cli.js');

function fail(message: string, code = 2): never {
  console.error(`migration:check: ${message}`);
  process.exit(code);
}

function run(label: string, args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 5 * 60_000,
  });
  if (result.error) fail(`${label} could not run: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

async function main(): Promise<void> {
  for (const file of [runner, dataSource]) {
    if (!fs.existsSync(file)) fail(`${path.relative(root, file)} is missing: build first (npx nest build)`);
  }
  const adminUrl = process.env.MIGRATION_CHECK_ADMIN_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `duban_drift_${Date.now()}_${process.pid}`;
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;

  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    fail(`cannot reach PostgreSQL at ${redact(adminUrl)}: ${(err as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  let code: number;
  try {
    // NODE_ENV=test: the data source loads the app's config, which outside development insists on
    // JWT_SECRET and ADMIN_PASSWORD; no secret is needed to compare schemas.
    const env = {
      ...process.env,
      DATABASE_URL: target.toString(),
      NODE_ENV: 'test',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      // TypeORM's schema reader trips pg's "query while a query is running" deprecation: noise here.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim(),
    };

    const migrate = run('the migration runner', [runner], env);
    if (migrate.status !== 0) {
      console.error(migrate.output);
      fail('applying the migrations to an empty database failed (output above)');
    }

    const generate = run(
      'typeorm migration:generate',
      [typeormCli, 'migration:generate', 'migrations/Drift', '--dryrun', '--check', '--pretty', '-d', dataSource],
      env,
    );
    if (generate.status === 0 && /No changes in database schema were found/.test(generate.output)) {
      // The runner logs JSON lines: their messages are what is worth repeating here.
      const said = migrate.output
        .trim()
        .split('\n')
        .map((line) => {
          try {
            return JSON.parse(line).msg;
          } catch {
            return line;
          }
        })
        .join('; ');
      console.log(`migration:check: OK — the migrations produce exactly the schema the entities describe (${said})`);
      code = 0;
    } else if (/Unexpected changes in database schema were found/.test(generate.output)) {
      console.error(generate.output);
      console.error(
        'migration:check: DRIFT — the entities need SQL that no migration contains (shown above).\n' +
          'Generate a migration (npm run migration:generate -- migrations/<Name>), review it, and add it to migrations/index.ts.',
      );
      code = 1;
    } else {
      console.error(generate.output);
      console.error('migration:check: typeorm migration:generate failed (output above)');
      code = 2;
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((err: Error) => {
      console.error(`migration:check: could not drop ${name}: ${err.message}`);
    });
    await admin.end();
  }
  process.exit(code);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

main().catch((err: unknown) => fail((err as Error).stack ?? String(err)));
