import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { noStoreForApi } from './common/cache-control';
import { defaultConsoleDir, serveConsole } from './console/serve-console';
import { clientErrorHandler } from './common/client-error';
import { documentTransportErrors, withSchemas } from './common/openapi';
import { createValidationPipe } from './common/validation';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/env';
import { POLICY_SCHEMA_NAME, policySchema } from './councils/council.responses';
import { createLogger } from './logging/logger';
import { REQUEST_ID_HEADER, requestIdOf } from './logging/request-id';

/** Builds the HTTP application (used by main.ts, the tests and the benchmarks). */
export async function createHttpApp(
  config: AppConfig,
  options: {
    clock?: Clock;
    configure?: (app: INestApplication) => void;
    docsUi?: boolean;
    logger?: Logger;
    manualEngine?: boolean;
    /** The built console to serve at `/` (default web/dist of the repository); absent: no console. */
    consoleDir?: string;
    /** Nest's preview mode: the module graph without providers (no database, no Redis), for the OpenAPI document. */
    preview?: boolean;
  } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default), so a
    // client cannot pick the address the per-address login limit counts.
    // (Fastify takes a hop count too; Nest's option type leaves numbers out.)
    trustProxy: config.trustProxy as boolean | string[],
    // Slow clients cannot hold sockets: idle sockets, unfinished headers and unfinished requests are
    // closed after their time-outs (Node checks them every connectionsCheckingInterval).
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    frameworkErrors: routingError,
    genReqId: requestIdOf,
    // A request line Node refuses (raw UTF-8 in the query string): a 400 naming the parameter.
    clientErrorHandler,
  });
  // Read by Node when the server starts listening.
  const server = adapter.getInstance().server;
  server.headersTimeout = config.http.headersTimeoutMs;
  (server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1000,
    config.http.headersTimeoutMs,
  );
  // Every answer names its request, so a caller can quote it and an operator find its log lines.
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  const logger = options.logger ?? createLogger(config);
  const module = AppModule.forRole(config.role, { config, clock: options.clock, logger, manualEngine: options.manualEngine });
  // Start-up lines are held until the pino logger is in place, so every line has one format.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    // A failed start is thrown to the caller (one line in main.ts), not answered by process.abort().
    abortOnError: false,
    preview: options.preview ?? false,
  });
  app.useLogger(app.get(NestPinoLogger));
  // Only these directives: helmet's defaults would add upgrade-insecure-requests, which breaks a console
  // reached over plain HTTP on an intranet address (its scripts and API calls rewritten to https).
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  noStoreForApi(app.getHttpAdapter().getInstance());
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): signals are handled by src/lifecycle/shutdown.ts in every state.
  options.configure?.(app);
  if (config.docsEnabled) {
    // The UI's static assets load through a dynamic import that jest cannot run; tests read /docs-json.
    SwaggerModule.setup('docs', app, createOpenApiDocument(app), {
      jsonDocumentUrl: 'docs-json',
      swaggerUiEnabled: options.docsUi ?? true,
    });
  }
  await serveConsole(app.getHttpAdapter().getInstance(), options.consoleDir ?? defaultConsoleDir());
  return app;
}

/** The OpenAPI document of the app (served at /docs-json; written to web/openapi.json by `npm run openapi`). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const described = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Duban 督办')
      .setDescription('Carries the decisions of joint councils through to completion. See README.md for the workflow.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // The council policy's schema is drawn from its zod schema; the answers Fastify gives before any route are added.
  return documentTransportErrors(withSchemas(described, { [POLICY_SCHEMA_NAME]: policySchema() }));
}

/**
 * What the web console (a Vite-built SPA at /) and Swagger UI at /docs need, and nothing more: their
 * own scripts only, inline styles (Element Plus and Swagger UI set them), images and fonts from the
 * service or data: URLs, requests back to the service; no framing (X-Frame-Options DENY says the same
 * to older browsers). Helmet's other headers (nosniff, HSTS, …) stay.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Errors Fastify's router answers itself, before any Nest filter runs (a path with malformed
 * percent-encoding): the same JSON shape as every other 400, naming the path. This replaces the
 * adapter's own handler. It runs before any hook, so helmet's headers are not on these answers:
 * `nosniff` is set here, as the body is JSON and nothing else.
 */
function routingError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = error.statusCode ?? 400;
  const message = error.message;
  void reply
    .status(statusCode)
    .header(REQUEST_ID_HEADER, request.id)
    .header('x-content-type-options', 'nosniff')
    .send({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      code: error.code,
      message,
      details: [{ field: 'path', rule: error.code, message }],
      requestId: request.id,
    });
}
