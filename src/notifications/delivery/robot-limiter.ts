import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { DeliveryChannel } from './delivery.entity';

/**
 * The vendors' rates per robot (DESIGN.md): DingTalk and WeCom 20 a minute, Feishu 5 a second and 100
 * a minute. DingTalk and WeCom are spaced one every 3 s rather than 20 per fixed minute: two fixed
 * windows back to back would allow 40 sends in a few seconds and DingTalk then blocks the robot for
 * ten minutes.
 */
const RATES: Partial<Record<DeliveryChannel, { points: number; duration: number }[]>> = {
  dingtalk: [{ points: 1, duration: 3 }],
  wecom: [{ points: 1, duration: 3 }],
  feishu: [
    { points: 5, duration: 1 },
    { points: 100, duration: 60 },
  ],
};

/**
 * A limiter per robot shared by every worker (the counters live in Redis). It never drops: `reserve`
 * answers how long to wait, and the caller puts its job back as delayed for that long.
 */
export class RobotLimiter {
  private readonly limiters: Partial<Record<DeliveryChannel, RateLimiterRedis[]>> = {};

  constructor(redis: Redis, prefix: string) {
    for (const [type, rates] of Object.entries(RATES))
      this.limiters[type as DeliveryChannel] = rates.map(
        (r, i) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:robot-rate:${type}:${i}`, ...r }),
      );
  }

  /** 0 when a send may go now (its slot is taken); otherwise the milliseconds to wait. */
  async reserve(type: DeliveryChannel, channelId: string): Promise<number> {
    for (const limiter of this.limiters[type] ?? []) {
      try {
        await limiter.consume(channelId);
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(50, err.msBeforeNext);
        throw err;
      }
    }
    return 0;
  }
}

/** Feishu asks robots not to send exactly on the hour and the half hour, when everyone's schedules fire. */
const FEISHU_PEAK_MINUTES = [0, 30];
/** A send that falls in such a minute moves to a random instant of the next few minutes. */
export const FEISHU_SPREAD_MS = 3 * 60_000;

/**
 * When a send that falls in a busy minute should go instead: for Feishu, a send in minute :00 or :30 (of
 * the clock hour, in UTC: every zone Duban serves is offset by whole or half hours, so the busy minutes
 * are the same ones) moves to a random instant in [next minute, next minute + FEISHU_SPREAD_MS). Answers
 * null when the send may go now. Pure: the clock and the random source are passed in.
 */
export function offPeakInstant(type: DeliveryChannel, now: Date, random: () => number = Math.random): Date | null {
  if (type !== 'feishu' || !FEISHU_PEAK_MINUTES.includes(now.getUTCMinutes())) return null;
  const nextMinute = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
  return new Date(nextMinute + Math.floor(random() * FEISHU_SPREAD_MS));
}
