import multipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import type { Clock } from './common/clock';
import type { AppConfig } from './config/env';

/** Builds the HTTP application (used by main.ts, the tests and the benchmarks). */
export async function createHttpApp(
  config: AppConfig,
  options: { clock?: Clock; configure?: (app: INestApplication) => void; docsUi?: boolean; manualEngine?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: true, frameworkErrors: routingError });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRole(config.role, { config, clock: options.clock, manualEngine: options.manualEngine }),
    adapter,
    {
      logger: loggerLevels(config.logLevel),
      bufferLogs: false,
    },
  );
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  options.configure?.(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Duban 督办')
      .setDescription('Carries the decisions of joint councils through to completion. See README.md for the workflow.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  // The UI's static assets load through a dynamic import that jest cannot run; tests read /docs-json.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', swaggerUiEnabled: options.docsUi ?? true });
  return app;
}

/**
 * Errors Fastify's router answers itself, before any Nest filter runs (a path with malformed
 * percent-encoding): the same JSON shape as every other 400, naming the path. This replaces the
 * adapter's own handler, which would also run `useSecurityHeaders()`'s hook: the service sets no
 * such headers today; if it ever does, call that hook here too.
 */
function routingError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = error.statusCode ?? 400;
  const message = error.message;
  void reply.status(statusCode).send({
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code: error.code,
    message,
    details: [{ field: 'path', rule: error.code, message }],
  });
}

function loggerLevels(level: AppConfig['logLevel']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
export { loggerLevels };
