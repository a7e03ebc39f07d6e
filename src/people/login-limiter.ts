import { Inject, Injectable, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error';
import { redisOptions } from '../common/redis';
import { APP_CONFIG, type AppConfig } from '../config/env';

/**
 * Failed sign-ins per username and per client address, counted in Redis so every API process shares
 * the same counters (a fixed window per key: INCR, with the TTL set by the first failure).
 *
 * An attempt takes a point from both counters before the password is checked (atomic, so a burst of
 * parallel guesses cannot slip past the limit between a read and a write); a right password gives
 * the points back. Once a counter is spent every attempt answers 429, the right password included,
 * until its window ends: a guesser learns nothing from the answers meanwhile.
 */
@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly byUsername: RateLimiterRedis;
  private readonly byAddress: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Connects on first use: a worker process holds this provider too but never signs anyone in.
    this.redis = new Redis({ ...redisOptions(config.redisUrl, 'producer'), lazyConnect: true });
    const base = { storeClient: this.redis, duration: config.login.windowSeconds };
    // Under the queue prefix, so test runs (each with its own prefix) do not share counters.
    this.byUsername = new RateLimiterRedis({
      ...base,
      keyPrefix: `${config.queuePrefix}:login:user`,
      points: config.login.failuresPerUsername,
    });
    this.byAddress = new RateLimiterRedis({
      ...base,
      keyPrefix: `${config.queuePrefix}:login:addr`,
      points: config.login.failuresPerAddress,
    });
  }

  /** Takes one attempt from both counters; 429 with the seconds to wait when either is spent. */
  async attempt(username: string, address: string): Promise<void> {
    const results = await Promise.allSettled([this.byUsername.consume(userKey(username)), this.byAddress.consume(address)]);
    let waitMs = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      if (!(r.reason instanceof RateLimiterRes)) throw unavailable(r.reason);
      waitMs = Math.max(waitMs, r.reason.msBeforeNext);
    }
    if (waitMs > 0) throw tooManyAttempts(waitMs);
  }

  /** A right password: the account's failures are forgotten, and the address gets its point back. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.byUsername.delete(userKey(username)), this.byAddress.reward(address, 1)]);
  }

  /**
   * A wrong password given somewhere else than the login (the current password of a password change):
   * counts against the account like a failed login, so a stolen token cannot guess it either.
   */
  async failedCheck(username: string): Promise<void> {
    try {
      await this.byUsername.consume(userKey(username));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw unavailable(err);
      throw tooManyAttempts(err.msBeforeNext);
    }
  }

  /** 429 when the account's counter is already spent (checked before a current password is compared). */
  async assertNotBlocked(username: string): Promise<void> {
    let res: RateLimiterRes | null;
    try {
      res = await this.byUsername.get(userKey(username));
    } catch (err) {
      throw unavailable(err);
    }
    if (res && res.consumedPoints >= this.byUsername.points) throw tooManyAttempts(res.msBeforeNext);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** Usernames are compared as stored, but `Admin` and `admin` are one guess target for the counter. */
const userKey = (username: string) => username.trim().toLowerCase();

function tooManyAttempts(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError(
    'AUTH_TOO_MANY_ATTEMPTS',
    'rate_limited',
    `too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}

/** Without Redis the limit cannot be kept: refuse to check passwords rather than check them unlimited. */
function unavailable(cause: unknown): ServiceUnavailableException {
  return new ServiceUnavailableException('sign-in is unavailable for a moment (the attempt counter cannot be reached)', { cause });
}
