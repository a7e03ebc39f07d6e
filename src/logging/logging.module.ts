import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger as NestPinoLogger, LoggerModule, PinoLogger, type Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { redactUrl } from './logger';
import { requestIdOf } from './request-id';

/** Liveness and readiness probes hit these every few seconds: their successes are not worth a line. */
const PROBES = new Set(['/health', '/health/ready']);

/**
 * nestjs-pino over the service's own pino logger: every line written while a request is handled
 * carries its `requestId`, and each request ends with one line (method, redacted URL, status, time).
 * 5xx answers are logged as errors; the rest at info, so `LOG_LEVEL=warn` keeps a busy API quiet.
 */
export function loggingParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      customAttributeKeys: { reqId: 'requestId' },
      quietReqLogger: true,
      // originalUrl: a middleware mounted on a path (the probes are outside the /api/v1 prefix) sees
      // `url` relative to its mount point. nestjs-pino mounts the probes' paths a second time, so
      // without this each probe would also be logged twice.
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) => PROBES.has((req.originalUrl ?? req.url ?? '').split('?')[0]),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    renameContext: 'context',
  };
}

export function loggingModule(logger: Logger) {
  return LoggerModule.forRoot(loggingParams(logger));
}

/**
 * The same logger as a Nest LoggerService, for what logs before (or without) an app: the start-up
 * steps, and `new Logger(context)` in code that runs outside Nest (the migration runner's queries).
 */
export function nestLogger(logger: Logger): NestPinoLogger {
  const params = loggingParams(logger);
  return new NestPinoLogger(new PinoLogger(params), params);
}
