/**
 * The producer side of the webhook benchmark, in a process of its own: it queues delivery rows the way
 * the outbox does after a commit (DeliveryQueue.enqueue: one job per row, the row id as jobId). In a
 * deployment that is the process that wrote the notifications (the API or the reminder engine), never
 * the delivery worker, so the benchmark keeps it off the worker's event loop too. Its CPU is measured
 * and reported beside the worker's.
 *
 * Started by webhook-throughput.ts with `fork`; the parent sends `{ ids }`, this answers
 * `{ done: true, cpuMs }` once every job is in Redis. The configuration comes in BENCH_PRODUCER_ENV.
 */
import { Queue } from 'bullmq';
import { SystemClock } from '../../src/common/clock';
import { DELIVERIES_QUEUE } from '../../src/common/queues';
import { createRedis } from '../../src/common/redis';
import { loadConfig } from '../../src/config/env';
import { DeliveryQueue } from '../../src/notifications/delivery/delivery-queue.service';

const config = loadConfig(JSON.parse(process.env.BENCH_PRODUCER_ENV ?? '{}') as Record<string, string>);
const queue = new Queue(DELIVERIES_QUEUE, { connection: createRedis(config.redisUrl, 'producer'), prefix: config.queuePrefix });
const deliveries = new DeliveryQueue(queue, config, new SystemClock());

process.on('message', (message: { ids?: string[]; exit?: boolean }) => {
  if (message.exit) {
    void queue.close().then(() => process.exit(0));
    return;
  }
  const before = process.cpuUsage();
  void deliveries
    .enqueue(
      (message.ids ?? []).map((id) => ({ id, nextAttemptAt: null })),
      { waitMs: Infinity },
    )
    .then(() => {
      const spent = process.cpuUsage(before);
      process.send?.({ done: true, cpuMs: (spent.user + spent.system) / 1000 });
    });
});
// The bench gone (finished or crashed): nothing more to queue.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
