import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/env';
import { createRedis } from '../common/redis';

/** A fail-fast Redis connection for readiness, and the start-up check of `maxmemory-policy`. */
@Injectable()
export class RedisHealth implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createRedis(config.redisUrl, 'producer');
    this.client.on('error', () => undefined); // reported through readiness, not as crashes
  }

  async onModuleInit(): Promise<void> {
    try {
      const [, policy] = (await this.client.config('GET', 'maxmemory-policy')) as string[];
      if (policy !== 'noeviction') {
        this.logger.warn(`Redis maxmemory-policy is "${policy}": queued jobs can be evicted; set it to "noeviction"`);
      }
    } catch {
      this.logger.warn('could not read Redis maxmemory-policy (CONFIG may be disabled); make sure it is "noeviction"');
    }
  }

  async ping(): Promise<'up'> {
    await this.client.ping();
    return 'up';
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
