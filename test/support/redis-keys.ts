import { Redis } from 'ioredis';

/**
 * Deletes every key of one prefix (`{duban-test-…}`): test runs and benchmarks clean up after themselves,
 * so the Redis of a developer machine does not grow with every run. Nothing to do when Redis is away.
 */
export async function deleteKeysWithPrefix(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length) deleted += await redis.unlink(...keys);
    }
  } catch {
    // Redis away: the keys go with it.
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * A queue prefix of its own for a test that needs one (`{duban-test-…-w1}` → `{duban-test-…-w1-login-3f2a}`),
 * kept under this worker's prefix so the run's teardown deletes its keys with the rest.
 */
export function ownPrefix(name: string): string {
  return `${process.env.QUEUE_PREFIX!.slice(0, -1)}-${name}}`;
}
