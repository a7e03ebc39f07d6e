import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import fastify, { type FastifyInstance } from 'fastify';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/env';
import { JobReadiness } from './health/job-readiness';

export interface RunningWorker {
  app: INestApplicationContext;
  /** The health server, when HEALTH_PORT is set. */
  health?: FastifyInstance;
  close(): Promise<void>;
}

/** Runs the worker role: BullMQ processors and the dispatcher, and on HEALTH_PORT its probes. */
export async function startWorker(config: AppConfig, logger: Logger): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(AppModule.forRole('worker', { config, logger }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  const health = config.healthPort === undefined ? undefined : await startHealthServer(app.get(JobReadiness), config.healthPort);
  return {
    app,
    health,
    close: async () => {
      // Probes fail from here on (the port closes), while active jobs finish in app.close().
      await health?.close();
      await app.close();
    },
  };
}

/**
 * The worker's probes on a port of their own (it has no API): /health answers while the process
 * lives; /health/ready answers 200 only while jobs are consumed (see JobReadiness), 503 otherwise.
 */
async function startHealthServer(readiness: JobReadiness, port: number): Promise<FastifyInstance> {
  const server = fastify({ logger: false });
  server.get('/health', async () => ({ status: 'ok' }));
  server.get('/health/ready', async (_request, reply) => {
    const { ok, body } = await readiness.report();
    return reply.status(ok ? 200 : 503).send(body);
  });
  await server.listen({ port, host: '0.0.0.0' });
  return server;
}
