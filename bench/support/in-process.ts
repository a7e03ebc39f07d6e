import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type Logger } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AuthGuard } from '../../src/auth/auth.guard';
import { PrincipalRepository } from '../../src/auth/principal.repository';
import type { Principal } from '../../src/common/principal';
import { APP_CONFIG, loadConfig, type AppConfig } from '../../src/config/env';
import { clearQueues, QUEUE_PREFIX } from './service';
import { BENCH_SECRETS } from './secrets';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A TypeORM logger that keeps every statement sent while `recording` is on. */
class Recorder implements Logger {
  recording = false;
  statements: Statement[] = [];
  logQuery(sql: string, params?: unknown[]) {
    if (this.recording) this.statements.push({ sql, params: params ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/**
 * The service's own providers in this process (no HTTP server), with every SQL statement
 * recorded on demand: how the benchmarks learn exactly which statements one request runs.
 */
export class InProcessService {
  private constructor(
    readonly app: INestApplicationContext,
    private readonly recorder: Recorder,
  ) {}

  static async start(databaseUrl: string): Promise<InProcessService> {
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX,
        ...BENCH_SECRETS,
        LOG_LEVEL: 'error',
      }),
      role: 'api' as const,
    };
    const app = await NestFactory.createApplicationContext(AppModule.forRole('api', { config }), { logger: ['error'] });
    const recorder = new Recorder();
    app.get(DataSource).setOptions({ logger: recorder });
    return new InProcessService(app, recorder);
  }

  /** The caller as the auth guard loads it on every request. */
  async principal(personId: string): Promise<Principal | null> {
    const loaded = await new AuthGuard(
      this.app.get(Reflector),
      this.app.get(JwtService, { strict: false }),
      this.app.get(PrincipalRepository, { strict: false }),
      this.app.get<AppConfig>(APP_CONFIG),
    ).loadPrincipal(personId);
    return loaded?.principal ?? null;
  }

  /** Runs `fn` and answers the statements it sent to PostgreSQL, in order. */
  async record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    this.recorder.statements = [];
    this.recorder.recording = true;
    try {
      const result = await fn();
      return { result, statements: this.recorder.statements };
    } finally {
      this.recorder.recording = false;
    }
  }

  /** Closes the application and removes the queue keys it left in Redis (this run's prefix). */
  async close(): Promise<void> {
    await this.app.close();
    await clearQueues();
  }
}

/** First line of a statement, squeezed, for printing a profile. */
export function brief(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}…` : flat;
}
