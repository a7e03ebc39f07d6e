import { createRequire } from 'node:module';
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/env';

/** LOG_LEVEL keeps Nest's names; pino calls `log` info and `verbose` trace. */
export const PINO_LEVEL: Record<AppConfig['logLevel'], pino.Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

const SECRET_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'accessToken',
  'token',
  'calendarToken',
  'secret',
  'jwtSecret',
  'auditKey',
  'adminPassword',
];

/**
 * What never reaches a log line, wherever it hides: credentials in headers, and any field that holds a
 * password, its hash or a token at the top or up to two levels down (a logged body, a logged row, an
 * error's properties). A query's bound parameters can hold a password hash (a failed INSERT into
 * people): they are censored here and dropped by the error serializer below.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  'parameters',
  '*.parameters',
  '*.*.parameters',
];

/** Query-string values that are credentials (the calendar feed's `?token=`). */
const SECRET_QUERY = /([?&](?:token|access_token|password)=)[^&#]*/gi;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[Redacted]');
}

/**
 * pino's error serializer copies every enumerable property. TypeORM's QueryFailedError carries the
 * query's `parameters` (and the driver's error, which repeats them), and PostgreSQL's detail of a
 * CHECK or NOT NULL violation is the whole failing row: the SQL text, the SQLSTATE, the constraint
 * and a key violation's detail stay, the row's values never do.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.parameters;
  delete out.driverError;
  // A CHECK or NOT NULL violation's detail is the whole row ("Failing row contains (…)"), hash included.
  if (typeof out.detail === 'string' && out.detail.startsWith('Failing row contains')) out.detail = 'Failing row contains ([Redacted])';
  return out;
}

/**
 * The service's one pino logger: JSON lines outside development (for a log collector), readable
 * lines in development when pino-pretty is installed (it is a dev dependency: a production image
 * has no pino-pretty and stays on JSON whatever NODE_ENV says).
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: PINO_LEVEL[config.logLevel],
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return pino(options, destination ?? defaultDestination(config.nodeEnv));
}

function defaultDestination(nodeEnv: AppConfig['nodeEnv']): DestinationStream {
  // Synchronous writes: the last line before a process.exit() (a start-up failure) is not lost.
  const json = pino.destination({ fd: 1, sync: true });
  if (nodeEnv !== 'development') return json;
  try {
    // An optional dev dependency, so it is resolved at run time instead of imported.
    const pretty = createRequire(__filename)('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', colorize: !process.env.NO_COLOR });
  } catch {
    return json;
  }
}
