import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import { migrate } from './database/run-migrations';
import { logStartFailure, waitForPostgres } from './lifecycle/dependencies';
import { Shutdown } from './lifecycle/shutdown';
import { createLogger } from './logging/logger';

/**
 * `node dist/src/migrate.js` (`npm run migrate`, compose's one-shot `migrate`): applies pending
 * migrations and exits, with a start's wait for PostgreSQL, the advisory lock and one-line errors.
 */
function main(): void {
  let config: AppConfig;
  try {
    // This step is the one that migrates, whatever MIGRATIONS says (compose sets skip for everyone).
    config = { ...loadConfig(), migrations: 'auto' };
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const log = createLogger(config).child({ context: 'Migrations' });
  const shutdown = new Shutdown(log, config.shutdownTimeoutMs).install();
  waitForPostgres(config, log, shutdown.signal)
    .then(() => migrate(config, log))
    .then(
      () => process.exit(0),
      (err: unknown) => {
        logStartFailure(log, err, config);
        process.exit(1);
      },
    );
}

main();
