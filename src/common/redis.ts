import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections. Producers in the API fail fast (a request should not hang on a lost Redis);
 * workers wait forever (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function redisOptions(url: string, kind: 'producer' | 'worker'): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: kind === 'worker' ? null : 1,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
  };
}

export function createRedis(url: string, kind: 'producer' | 'worker'): Redis {
  return new Redis(redisOptions(url, kind));
}
