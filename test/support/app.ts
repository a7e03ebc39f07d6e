import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ManualClock, SystemClock, type Clock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config/env';
import * as path from 'node:path';
import { pino, type Logger } from 'pino';
import { createHttpApp } from '../../src/http-app';
import { createLogger, PINO_LEVEL } from '../../src/logging/logger';
import { ApiClient } from './api-client';
import { createScratchDatabase } from './global-setup';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  clock: ManualClock;
  db: DataSource;
  config: AppConfig;
  /** A client signed in as the bootstrap admin. */
  admin: ApiClient;
  anonymous: ApiClient;
  login(username: string, password: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/**
 * Starts the whole service (role `api` unless told otherwise) on a random port against this run's
 * database, with a ManualClock that tests move instead of sleeping.
 */
export async function startTestApp(
  options: {
    role?: AppConfig['role'];
    now?: string;
    env?: Record<string, string>;
    realClock?: boolean;
    /**
     * The integration tier's engine: role `api` plus the reminder handler and no queue consumer, so
     * nothing fires unless the test moves the clock and calls `ActionHandlerService.processDue()`.
     */
    manualEngine?: boolean;
    /**
     * A freshly migrated database of its own, dropped by close(): a handler pass then sees only this
     * file's actions, not the rows other files left due in the run's shared database.
     */
    ownDatabase?: boolean;
    /** The built console to serve at `/` (default: the repository's web/dist when it was built). */
    consoleDir?: string;
  } = {},
): Promise<TestApp> {
  if (options.manualEngine && options.role && options.role !== 'api') throw new Error('manualEngine runs with role api only');
  const scratch = options.ownDatabase ? await createScratchDatabase() : null;
  const env = { ...process.env, ...options.env, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
  const config = { ...loadConfig(env), role: options.role ?? 'api', port: 0 };
  const clock = new ManualClock(new Date(options.now ?? '2026-03-02T09:00:00+08:00'));
  // Engine tests run on real time (short offsets like PT2S); the rest move a ManualClock.
  const appClock: Clock = options.realClock ? new SystemClock() : clock;
  const app = await createHttpApp(config, {
    clock: appClock,
    docsUi: false,
    manualEngine: options.manualEngine,
    consoleDir: options.consoleDir,
    logger: suiteLogger(config),
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const anonymous = new ApiClient(baseUrl);
  const login = async (username: string, password: string) => {
    const res = await anonymous.post('/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(baseUrl, res.body.accessToken as string);
  };
  const admin = await login(process.env.ADMIN_USERNAME!, process.env.ADMIN_PASSWORD!);
  const close = async () => {
    await app.close();
    await scratch?.drop();
  };
  return { app, baseUrl, clock, db: app.get(DataSource), config, admin, anonymous, login, close };
}

/**
 * Under `npm test` (DUBAN_TEST_LOG_DIR set by scripts/test.mjs), every in-process app also writes its
 * log at debug level to a file of its worker, which test/faults/suite-logs.faults-spec.ts then reads
 * for secrets; the console still gets LOG_LEVEL's lines. Otherwise the service's own logger.
 */
function suiteLogger(config: AppConfig): Logger | undefined {
  const dir = process.env.DUBAN_TEST_LOG_DIR;
  if (!dir) return undefined;
  const file = pino.destination({
    dest: path.join(dir, `worker-${process.env.JEST_WORKER_ID ?? '1'}-${process.pid}.log`),
    mkdir: true,
    sync: true,
  });
  return createLogger(
    { logLevel: 'debug', nodeEnv: config.nodeEnv },
    pino.multistream([
      { level: 'debug', stream: file },
      { level: PINO_LEVEL[config.logLevel], stream: pino.destination({ fd: 1, sync: true }) },
    ]),
  );
}
