import { z } from 'zod';
import { parseTrustProxy, secretProblem, type TrustProxy } from './secrets';

/** The roles one process can play; `all` runs the HTTP API and the worker together. */
export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const booleanText = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** `.env.example` leaves the secrets empty (`JWT_SECRET=`): empty reads as unset. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/duban'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_ROLE: z.enum(APP_ROLES).default('all'),
    JWT_SECRET: unsetWhenEmpty(z.string().min(16, 'must be at least 16 characters').optional()),
    JWT_EXPIRES_IN: z.string().default('12h'),
    ADMIN_USERNAME: z.string().min(1).default('admin'),
    ADMIN_PASSWORD: unsetWhenEmpty(z.string().min(8, 'must be at least 8 characters').optional()),
    QUEUE_PREFIX: z.string().min(1).default('{duban}'),
    WEBHOOK_ALLOW_PRIVATE: booleanText,
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    UPLOAD_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1_048_576),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    DISPATCH_HORIZON_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
    DISPATCH_EVERY_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    DB_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
    // Read by the reminders processor's decorator at import; validated here so a bad value stops the start.
    REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    // Delivery (issue 8): e-mail, links in messages, retries and the outbox sweep.
    // Compose passes an unset SMTP_URL as an empty string: that means "no e-mail", like unset.
    SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
    MAIL_FROM: z.string().min(3).default('Duban 督办 <duban@localhost>'),
    PUBLIC_URL: z.string().url().default('http://localhost:3000'),
    DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
    DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
    DELIVERY_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    // Send jobs one worker process runs at once (robots keep to their vendor's rate whatever this is). Sends
    // mostly wait on the network, the database and Redis: 200 keeps one process busy (BENCHMARKS.md).
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(200),
    // Feishu asks for no sends exactly on :00 and :30; false sends them anyway (tests on the real clock).
    DELIVERY_FEISHU_OFF_PEAK: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    // The worker role's own small HTTP server for /health and /health/ready; unset: no server.
    HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // auto: every process applies pending migrations at start (under an advisory lock); skip: a
    // separate one-shot step does it (compose's `migrate` service).
    MIGRATIONS: z.enum(['auto', 'skip']).default('auto'),
    STARTUP_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
    // Failed sign-ins allowed per username and per client address within one window (shared in Redis).
    LOGIN_FAILURES_PER_USERNAME: z.coerce.number().int().min(1).max(10_000).default(10),
    LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(100),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    // Security hardening (issue 10): listening address, audit key, proxies, time-outs, headers, docs.
    HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
    AUDIT_KEY: unsetWhenEmpty(z.string().min(16, 'must be at least 16 characters').optional()),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    HTTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    DOCS_ENABLED: z.enum(['true', 'false', '1', '0', '']).optional(),
    IMPORT_MAX_INFLATED_BYTES: z.coerce
      .number()
      .int()
      .min(1_048_576)
      .default(32 * 1_048_576),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'development' || env.NODE_ENV === 'test') return;
    const required: [keyof typeof env, 'key' | 'password'][] = [
      ['JWT_SECRET', 'key'],
      ['ADMIN_PASSWORD', 'password'],
      ['AUDIT_KEY', 'key'],
    ];
    for (const [name, kind] of required) {
      const value = env[name] as string | undefined;
      const problem = value ? secretProblem(value, kind) : 'is required outside development';
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  redisUrl: string;
  port: number;
  role: AppRole;
  jwtSecret: string;
  jwtExpiresIn: string;
  adminUsername: string;
  adminPassword: string;
  queuePrefix: string;
  webhookAllowPrivate: boolean;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  dispatchHorizonSeconds: number;
  dispatchEveryMs: number;
  dbPoolSize: number;
  reminderConcurrency: number;
  delivery: {
    smtpUrl: string | null;
    mailFrom: string;
    publicUrl: string;
    attempts: number;
    retryBaseMs: number;
    sweepMs: number;
    /** How long a claimed row stays taken by its attempt; after a worker died, the row is sent again after this. */
    leaseMs: number;
    /** Send jobs one worker process runs at once. */
    concurrency: number;
    /** Feishu sends that fall on :00 or :30 are spread over the next minutes. */
    feishuOffPeak: boolean;
  };
  /** Worker role only: the port of its health server (none when undefined). */
  healthPort?: number;
  migrations: 'auto' | 'skip';
  /** How long a start waits for PostgreSQL and Redis to answer before it gives up. */
  startupTimeoutMs: number;
  /** How long a stop may take (draining requests and jobs) before the process exits anyway. */
  shutdownTimeoutMs: number;
  login: { failuresPerUsername: number; failuresPerAddress: number; windowSeconds: number };
  /** The address the HTTP server listens on: 127.0.0.1 in development unless HOST says otherwise. */
  host: string;
  /** Keys the audit chains' HMAC; never stored in the database. */
  auditKey: string;
  /** Which proxies' X-Forwarded-For is believed: false (none), a hop count or a list of addresses / CIDRs. */
  trustProxy: TrustProxy;
  http: { connectionTimeoutMs: number; headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /** Serve Swagger UI at /docs and the document at /docs-json. */
  docsEnabled: boolean;
  /** The largest total uncompressed size of an uploaded XLSX's zip entries. */
  importMaxInflatedBytes: number;
}

/** Development-only fallbacks; production refuses to start without real values (see superRefine). */
const DEV_JWT_SECRET = 'duban-development-secret-change-me';
const DEV_ADMIN_PASSWORD = 'admin12345';
const DEV_AUDIT_KEY = 'duban-development-audit-key-change-me';

export class ConfigError extends Error {}

/** Reads and validates the environment once; throws a ConfigError listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    role: e.APP_ROLE,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtExpiresIn: e.JWT_EXPIRES_IN,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
    queuePrefix: e.QUEUE_PREFIX,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
    dispatchHorizonSeconds: e.DISPATCH_HORIZON_SECONDS,
    dispatchEveryMs: e.DISPATCH_EVERY_MS,
    dbPoolSize: e.DB_POOL_SIZE,
    reminderConcurrency: e.REMINDER_CONCURRENCY,
    delivery: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
      attempts: e.DELIVERY_ATTEMPTS,
      retryBaseMs: e.DELIVERY_RETRY_BASE_MS,
      sweepMs: e.DELIVERY_SWEEP_MS,
      leaseMs: e.DELIVERY_LEASE_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      feishuOffPeak: e.DELIVERY_FEISHU_OFF_PEAK,
    },
    healthPort: e.HEALTH_PORT,
    migrations: e.MIGRATIONS,
    startupTimeoutMs: e.STARTUP_TIMEOUT_SECONDS * 1000,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    login: {
      failuresPerUsername: e.LOGIN_FAILURES_PER_USERNAME,
      failuresPerAddress: e.LOGIN_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_WINDOW_SECONDS,
    },
    host: e.HOST ?? (e.NODE_ENV === 'development' ? '127.0.0.1' : '0.0.0.0'),
    auditKey: e.AUDIT_KEY ?? DEV_AUDIT_KEY,
    trustProxy: e.TRUST_PROXY,
    http: {
      connectionTimeoutMs: e.HTTP_CONNECTION_TIMEOUT_MS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    docsEnabled:
      e.DOCS_ENABLED === undefined || e.DOCS_ENABLED === '' ? e.NODE_ENV !== 'production' : ['true', '1'].includes(e.DOCS_ENABLED),
    importMaxInflatedBytes: e.IMPORT_MAX_INFLATED_BYTES,
  };
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
