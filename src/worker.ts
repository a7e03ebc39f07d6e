import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, type AppConfig } from './config/env';
import { loggerLevels } from './http-app';

/** Runs the worker role with no HTTP server: BullMQ processors and the dispatcher. */
export async function startWorker(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRole('worker', { config }), {
    logger: loggerLevels(config.logLevel),
  });
  app.enableShutdownHooks();
  new Logger('Duban').log('role=worker: processing jobs');
}

if (require.main === module) {
  startWorker({ ...loadConfig(), role: 'worker' }).catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
