import { FEISHU_SPREAD_MS, offPeakInstant } from './robot-limiter';

describe('offPeakInstant: Feishu sends avoid :00 and :30', () => {
  it.each(['2026-11-29T02:00:00.000Z', '2026-11-29T02:00:59.999Z', '2026-11-29T02:30:17.000Z'])(
    'a Feishu send at %s moves into the next minutes',
    (at) => {
      const now = new Date(at);
      const nextMinute = new Date(now);
      nextMinute.setUTCSeconds(0, 0);
      nextMinute.setUTCMinutes(nextMinute.getUTCMinutes() + 1);
      expect(offPeakInstant('feishu', now, () => 0)).toEqual(nextMinute);
      const latest = offPeakInstant('feishu', now, () => 0.999999)!;
      expect(latest.getTime()).toBeLessThan(nextMinute.getTime() + FEISHU_SPREAD_MS);
      expect(latest.getTime()).toBeGreaterThan(nextMinute.getTime() + FEISHU_SPREAD_MS - 1000);
      // Never back onto a busy minute: :01 to :03 (or :31 to :33).
      expect([1, 2, 3, 31, 32, 33]).toContain(latest.getUTCMinutes());
    },
  );

  it('spreads: many sends of the same instant land at different times', () => {
    const now = new Date('2026-11-29T01:00:00Z');
    const instants = new Set(Array.from({ length: 50 }, () => offPeakInstant('feishu', now)!.getTime()));
    expect(instants.size).toBeGreaterThan(40);
  });

  it.each([
    ['feishu', '2026-11-29T02:01:00Z'],
    ['feishu', '2026-11-29T02:29:59Z'],
    ['feishu', '2026-11-29T02:31:00Z'],
    ['dingtalk', '2026-11-29T02:00:00Z'],
    ['wecom', '2026-11-29T02:30:00Z'],
    ['webhook', '2026-11-29T02:00:00Z'],
  ] as const)('%s at %s goes now', (type, at) => {
    expect(offPeakInstant(type, new Date(at))).toBeNull();
  });
});
