import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DomainError, type ErrorKind } from './domain-error';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
};

interface ErrorBody {
  statusCode: number;
  error: string;
  code?: string;
  message: string;
  details?: unknown;
  errorId?: string;
}

/** PostgreSQL errors a client can cause with well-formed input that slipped past validation. */
const PG_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  '22P02': { status: 400, message: 'a value has the wrong format' },
  '22007': { status: 400, message: 'a date or time is not valid' },
  '22008': { status: 400, message: 'a date or time is out of range' },
  '22003': { status: 400, message: 'a number is out of range' },
  '23503': { status: 400, message: 'a referenced record does not exist' },
  '23505': { status: 409, message: 'a record with the same key already exists' },
  '23514': { status: 400, message: 'a value is not allowed' },
};

/**
 * The one place errors become HTTP answers: `{statusCode, error, message, details?}`. Anything not
 * recognised is a 500 with an opaque `errorId` that is also logged, never the internals.
 */
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return { ...exception.extra, statusCode, error: HttpStatus[statusCode] ?? 'Error', code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const r = (typeof response === 'object' && response !== null ? response : { message: response }) as Record<string, unknown>;
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return { statusCode, error: String(r.error ?? HttpStatus[statusCode] ?? 'Error'), message, details: r.details };
    }
    const e = exception as { statusCode?: number; code?: string; message?: string };
    // Fastify's own errors (bad JSON, body too large, bad content type) carry a 4xx statusCode.
    if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const statusCode = e.statusCode;
      const message = e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? `body is not valid JSON: ${e.message}` : (e.message ?? 'bad request');
      return { statusCode, error: HttpStatus[statusCode] ?? 'Error', code: e.code, message, details: e.code?.startsWith('FST_ERR_CTP') ? [{ field: 'body', message }] : undefined };
    }
    if (typeof e?.code === 'string' && PG_CLIENT_ERRORS[e.code]) {
      const { status, message } = PG_CLIENT_ERRORS[e.code];
      return { statusCode: status, error: HttpStatus[status], code: `DB_${e.code}`, message };
    }
    const errorId = randomUUID();
    this.logger.error(`errorId=${errorId} ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error', errorId };
  }
}
