import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/env';
import { runMigrations } from './database/run-migrations';
import { createHttpApp } from './http-app';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Duban');
  const applied = await runMigrations(config.databaseUrl);
  if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  if (config.role === 'worker') {
    await startWorker(config);
    return;
  }
  const app = await createHttpApp(config);
  await app.listen(config.port, '0.0.0.0');
  logger.log(`role=${config.role}: API on http://localhost:${config.port}/api/v1, docs on /docs`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
