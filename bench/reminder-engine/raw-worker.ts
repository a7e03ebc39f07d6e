/**
 * Raw BullMQ for comparison: a worker process that does nothing with its jobs, at the concurrency
 * the engine's workers use. Started by raw-baseline.ts; prints `ready` once it is listening.
 */
import { Worker } from 'bullmq';
import { createRedis } from '../../src/common/redis';

const worker = new Worker(process.env.RAW_QUEUE!, async () => null, {
  connection: createRedis(process.env.REDIS_URL!, 'worker'),
  prefix: process.env.QUEUE_PREFIX,
  concurrency: Number(process.env.REMINDER_CONCURRENCY ?? 4),
});

worker
  .waitUntilReady()
  .then(() => console.log('ready'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

process.once('SIGTERM', () => {
  void worker.close().finally(() => process.exit(0));
});
