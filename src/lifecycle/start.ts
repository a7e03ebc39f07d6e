import { Logger } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from '../config/env';
import { migrate } from '../config/run-migrations';
import { createHttpApp } from '../http-app';
import { createLogger } from '../logging/logger';
import { nestLogger } from '../logging/logging.module';
import { startWorker } from '../worker-app';
import { logStartFailure, waitForPostgres, waitForRedis } from './dependencies';
import { Shutdown } from './shutdown';

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
    if (config.migrations === 'auto') await migrate(config, logger.child({ context: 'Migrations' }));
    else log.info('MIGRATIONS=skip: migrations are left to the migrate step');
    shutdown.running(await startRole(config, logger, log));
  } catch (err) {
    if (shutdown.signal.aborted) return; // the signal handler is already exiting
    logStartFailure(log, err, config);
    process.exit(1);
  }
}

async function startRole(config: AppConfig, logger: Pino, log: Pino): Promise<{ close(): Promise<void> }> {
  if (config.role === 'worker') {
    const worker = await startWorker(config, logger);
    const health = config.healthPort === undefined ? '' : `, health on http://localhost:${config.healthPort}/health/ready`;
    log.info(`role=worker: processing jobs${health}`);
    return worker;
  }
  const app = await createHttpApp(config, { logger });
  await app.listen(config.port, '0.0.0.0');
  log.info(`role=${config.role}: API on http://localhost:${config.port}/api/v1, docs on /docs`);
  return app;
}
