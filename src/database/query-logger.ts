import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query with its bound parameters, and the parameters of an
 * INSERT into people hold a password hash. This one never prints parameters. A failed query is not
 * an event of its own: the error goes on to the caller, and the error filter either answers 4xx or
 * logs a 500 once, with the request's id. So it is a debug line here (SQL text and SQLSTATE only).
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : undefined;
    this.logger.debug({ code, query: oneLine(query) }, `query failed: ${typeof error === 'string' ? error : error.message}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: oneLine(query) }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(): void {}

  /** Only warnings: TypeORM's info messages ("all classes found using the glob…") say nothing to an operator. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 2000);
