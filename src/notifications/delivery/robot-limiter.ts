import type { Redis } from 'ioredis';
import type { DeliveryChannel } from './delivery.entity';

/**
 * The vendors' rates per robot (DESIGN.md) as a spacing between two sends: DingTalk and WeCom 20 a
 * minute (one every 3 s, plus a margin: two fixed windows back to back would allow 40 sends in a few
 * seconds, and DingTalk then blocks the robot for ten minutes), Feishu 5 a second and 100 a minute (one
 * every 600 ms keeps both).
 */
export const ROBOT_SPACING_MS: Partial<Record<DeliveryChannel, number>> = { dingtalk: 3_100, wecom: 3_100, feishu: 610 };

/**
 * Takes the robot's next free send slot: now if the robot is free, else the slot after the last one
 * given out. Answers the wait in ms. Runs in Redis (its clock, so workers on several machines agree) and
 * is atomic, so every caller gets a slot of its own.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local spacing = tonumber(ARGV[1])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = now
if nxt > now then slot = nxt end
redis.call('SET', KEYS[1], slot + spacing, 'PX', slot + spacing - now + 60000)
return slot - now`;

/**
 * A send scheduler per robot shared by every worker (the next free slot lives in Redis). It never drops
 * and never makes a crowd: `reserve` gives each send a slot of its own — a burst of N messages to one
 * robot is spread over N slots and each job wakes once, at its slot, instead of all of them waking when
 * a window opens and all but one going back to sleep.
 */
export class RobotLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** 0 when a send may go now (the slot is taken); otherwise the ms until the slot reserved for it. */
  async reserve(type: DeliveryChannel, channelId: string): Promise<number> {
    const spacing = ROBOT_SPACING_MS[type];
    if (!spacing) return 0;
    const wait = Number(await this.redis.eval(TAKE_SLOT, 1, `${this.prefix}:robot-slot:${channelId}`, spacing));
    return wait > 0 ? wait : 0;
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
