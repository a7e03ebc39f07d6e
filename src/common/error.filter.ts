import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind, type FieldIssue } from './domain-error';
import { referenceError } from './reference-fields';

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
  /** The request's id (also the x-request-id header, and on every log line of the request). */
  requestId?: string;
}

const statusText = (status: number) => STATUS_CODES[status] ?? 'Error';

/** PostgreSQL errors a client can cause with well-formed input that slipped past validation. */
const PG_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  '22P02': { status: 400, message: 'a value has the wrong format' },
  '22007': { status: 400, message: 'a date or time is not valid' },
  '22008': { status: 400, message: 'a date or time is out of range' },
  '22009': { status: 400, message: 'a time zone offset is out of range' },
  '22003': { status: 400, message: 'a number is out of range' },
  '22001': { status: 400, message: 'a text is too long' },
  '22021': { status: 400, message: 'a text holds bytes that are not UTF-8 (or a NUL character)' },
  '22P05': { status: 400, message: 'a text holds a character that cannot be stored (a NUL character)' },
  '23502': { status: 400, message: 'a required value is missing' },
  '23505': { status: 409, message: 'a record with the same key already exists' },
  // Two requests crossed on the same rows; nothing was changed, and the same request may be sent again.
  '40P01': { status: 409, message: 'the request collided with a concurrent change; nothing was changed, try again' },
  '40001': { status: 409, message: 'the request collided with a concurrent change; nothing was changed, try again' },
  '23514': { status: 400, message: 'a value is not allowed' },
};

interface PgError {
  code?: string;
  column?: string;
  detail?: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The API field a PostgreSQL error is about, when the error says (NOT NULL names the column, a key violation its key). */
function pgField(e: PgError): string | undefined {
  if (e.column) return camel(e.column);
  const key = /^Key \(([a-z_]+)\)=/.exec(e.detail ?? '');
  return key ? camel(key[1]) : undefined;
}

/** Fastify's own errors: body parsing (FST_ERR_CTP_*) and multipart limits (FST_REQ_*, FST_FILES_*…). */
function fastifyField(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code.startsWith('FST_ERR_CTP')) return 'body';
  if (/^FST_(REQ_FILE|FILES|PARTS|FIELDS|INVALID_MULTIPART|PROTO)/.test(code)) return 'file';
  return undefined;
}

/**
 * The one place errors become HTTP answers: `{statusCode, error, message, details?, requestId}`.
 * Anything not recognised is a 500 with an opaque `errorId` that is also logged, never the internals.
 */
@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = host.switchToHttp().getRequest<FastifyRequest | undefined>()?.id;
    const body = { ...this.toBody(exception), requestId };
    // A route may have set another content type (an iCalendar feed); errors are always JSON.
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(thrown: unknown): ErrorBody {
    // A reference to nothing (23503, from a foreign key or an array trigger): 400 naming the field.
    const exception = referenceError(thrown as PgError) ?? thrown;
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return {
        ...exception.extra,
        statusCode,
        error: statusText(statusCode),
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    // Nest wraps Fastify's 4xx errors (bad JSON, body too large, file too large) in an HttpException.
    const cause = exception instanceof HttpException ? (exception.cause as FastifyLike | undefined) : undefined;
    if (cause?.code?.startsWith('FST_')) return this.fastifyBody(cause);
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const r = (typeof response === 'object' && response !== null ? response : { message: response }) as Record<string, unknown>;
      const message = Array.isArray(r.message) ? r.message.join('; ') : typeof r.message === 'string' ? r.message : exception.message;
      return { statusCode, error: typeof r.error === 'string' ? r.error : statusText(statusCode), message, details: r.details };
    }
    const e = exception as FastifyLike & PgError;
    if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return this.fastifyBody(e);
    if (typeof e?.code === 'string' && PG_CLIENT_ERRORS[e.code]) {
      const { status, message } = PG_CLIENT_ERRORS[e.code];
      const field = pgField(e);
      const details: FieldIssue[] | undefined = field ? [{ field, rule: `db_${e.code}`, message: `${field}: ${message}` }] : undefined;
      return {
        statusCode: status,
        error: statusText(status),
        code: `DB_${e.code}`,
        message: details ? details[0].message : message,
        details,
      };
    }
    const errorId = randomUUID();
    // Structured: the error serializer keeps the stack and PostgreSQL's fields, never a query's parameters.
    this.logger.error(
      { errorId, err: exception instanceof Error ? exception : new Error(String(exception)) },
      `errorId=${errorId} unhandled error`,
    );
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error', errorId };
  }

  private fastifyBody(e: FastifyLike): ErrorBody {
    const statusCode = e.statusCode ?? 400;
    const invalidJson = e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    const message = invalidJson ? `body is not valid JSON: ${e.message}` : (e.message ?? 'bad request');
    const field = fastifyField(e.code);
    return {
      statusCode,
      error: statusText(statusCode),
      code: e.code,
      message,
      details: field ? [{ field, rule: e.code, message }] : undefined,
    };
  }
}

interface FastifyLike {
  statusCode?: number;
  code?: string;
  message?: string;
}
