import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ManualClock, SystemClock, type Clock } from '../../src/common/clock';
import { loadConfig, type AppConfig } from '../../src/config/env';
import { createHttpApp } from '../../src/http-app';
import { ApiClient } from './api-client';

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
  options: { role?: AppConfig['role']; now?: string; env?: Record<string, string>; realClock?: boolean } = {},
): Promise<TestApp> {
  const config = { ...loadConfig({ ...process.env, ...options.env }), role: options.role ?? 'api', port: 0 };
  const clock = new ManualClock(new Date(options.now ?? '2026-03-02T09:00:00+08:00'));
  // Engine tests run on real time (short offsets like PT2S); the rest move a ManualClock.
  const appClock: Clock = options.realClock ? new SystemClock() : clock;
  const app = await createHttpApp(config, { clock: appClock, docsUi: false });
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
  return { app, baseUrl, clock, db: app.get(DataSource), config, admin, anonymous, login, close: () => app.close() };
}
