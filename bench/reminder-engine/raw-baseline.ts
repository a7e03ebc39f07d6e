import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedis } from '../../src/common/redis';
import { startWorkerProcess } from '../../test/support/worker-process';

/**
 * Raw BullMQ throughput on the same Redis, processes and concurrency as the engine: `jobs` no-op
 * jobs are added to a paused queue, the worker processes start, the queue is resumed, and the clock
 * runs until it is empty. Answers jobs per second.
 */
export async function rawBaseline(
  env: { REDIS_URL: string; QUEUE_PREFIX: string; REMINDER_CONCURRENCY?: string },
  jobs: number,
  processes: number,
): Promise<number> {
  const name = 'raw-bench';
  const connection = createRedis(env.REDIS_URL, 'worker');
  const queue = new Queue(name, { connection, prefix: env.QUEUE_PREFIX });
  await queue.pause();
  for (let i = 0; i < jobs; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })),
    );
  }
  const workers = await Promise.all(
    Array.from({ length: processes }, (_, i) =>
      startWorkerProcess({ ...env, RAW_QUEUE: name }, `raw-${i}`, { script: 'bench/reminder-engine/raw-worker.ts', readyLine: 'ready' }),
    ),
  );
  try {
    const started = performance.now();
    await queue.resume();
    for (;;) {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await sleep(20);
    }
    return jobs / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}
