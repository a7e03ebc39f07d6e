import { Logger } from '@nestjs/common';
import { createRequire } from 'node:module';
import type { Logger as Pino } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import { createLogger } from './logging/logger';
import { nestLogger } from './logging/logging.module';
import { logStartFailure, waitForPostgres, waitForRedis } from './lifecycle/dependencies';
import { Shutdown } from './lifecycle/shutdown';

/**
 * The migration runner and the role's app (TypeORM, the entities, Nest's modules, BullMQ: most of a
 * start's time) are loaded only once PostgreSQL and Redis have answered, so a start that cannot go
 * on says so at once instead of after loading all of it. `createRequire` because a dynamic import()
 * would bypass the test runner's TypeScript hook; the types still come from the modules.
 */
const load = createRequire(__filename);

/**
 * A process's whole life: validated environment, PostgreSQL and Redis answering (waited for up to
 * STARTUP_TIMEOUT_SECONDS), migrations (MIGRATIONS=auto, under the advisory lock), then the role's
 * app; signals stop it in every one of those states (src/lifecycle/shutdown.ts). A start that
 * cannot go on ends in one line and exit code 1.
 */
export async function runService(overrides: Partial<AppConfig> = {}): Promise<void> {
  let config: AppConfig;
  try {
    config = { ...loadConfig(), ...overrides };
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const logger = createLogger(config);
  // `new Logger(context)` anywhere (the migration runner's query logger) writes through pino too.
  Logger.overrideLogger(nestLogger(logger));
  const log = logger.child({ context: 'Duban' });
  const shutdown = new Shutdown(log, config.shutdownTimeoutMs).install();
  try {
    await waitForPostgres(config, log, shutdown.signal);
    await waitForRedis(config, log, shutdown.signal);
    if (config.migrations === 'auto') {
      const { migrate } = load('./database/run-migrations') as typeof import('./database/run-migrations');
      await migrate(config, logger.child({ context: 'Migrations' }));
    } else log.info('MIGRATIONS=skip: migrations are left to the migrate step');
    shutdown.running(await startRole(config, logger, log));
  } catch (err) {
    if (shutdown.signal.aborted) return; // the signal handler is already exiting
    logStartFailure(log, err, config);
    process.exit(1);
  }
}

async function startRole(config: AppConfig, logger: Pino, log: Pino): Promise<{ close(): Promise<void> }> {
  if (config.role === 'worker') {
    const { startWorker } = load('./worker-app') as typeof import('./worker-app');
    const worker = await startWorker(config, logger);
    const health = config.healthPort === undefined ? '' : `, health on http://localhost:${config.healthPort}/health/ready`;
    log.info(`role=worker: processing jobs${health}`);
    return worker;
  }
  const { createHttpApp } = load('./http-app') as typeof import('./http-app');
  const app = await createHttpApp(config, { logger });
  await app.listen(config.port, config.host);
  const docs = config.docsEnabled ? ', docs on /docs' : '';
  log.info(`role=${config.role}: API on http://${config.host}:${config.port}/api/v1${docs}`);
  return app;
}
