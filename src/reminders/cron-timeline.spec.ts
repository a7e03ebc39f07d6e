import { CronExpressionParser } from 'cron-parser';
import { CronTimeline } from './cron-timeline';

/** The timeline answers what cron-parser answers, from any instant, in any order. */
describe('CronTimeline', () => {
  const crons = ['0 17 * * 5', '30 9 * * 1-5', '0 17 1 * *', '0 2 * * *', '*/30 * * * *'];
  // Zones without a DST gap: there, cron-parser's next and prev agree with each other (see below).
  const zones = ['Asia/Shanghai', 'UTC', 'Asia/Kolkata'];
  const direct = (cron: string, zone: string, t: number) => CronExpressionParser.parse(cron, { currentDate: new Date(t), tz: zone });

  it.each(crons.flatMap((cron) => zones.map((zone) => [cron, zone])))('%s in %s: next and prev as cron-parser gives them', (cron, zone) => {
    const timeline = new CronTimeline(cron, zone);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let center = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 60; i++) {
      // Mostly near the last question (a few weeks either way), now and then a jump of up to two
      // years; on an occurrence, on a whole minute, or anywhere.
      if (i % 10 === 9) center += Math.floor((random() - 0.5) * 4 * 365 * 86_400_000);
      let t = Math.floor(center + (random() - 0.5) * 42 * 86_400_000);
      if (i % 3 === 1) t = direct(cron, zone, t).next().getTime();
      if (i % 3 === 2) t = Math.floor(t / 60_000) * 60_000;
      expect([new Date(timeline.next(t)), new Date(timeline.prev(t))]).toEqual([
        direct(cron, zone, t).next().toDate(),
        direct(cron, zone, t).prev().toDate(),
      ]);
    }
  });

  it("across a DST gap, prev is the occurrence next gave before it (cron-parser's own prev skips that day)", () => {
    const timeline = new CronTimeline('30 2 * * *', 'America/New_York');
    const forward = [Date.parse('2026-03-05T00:00:00Z')];
    const walker = direct('30 2 * * *', 'America/New_York', forward[0]);
    for (let i = 0; i < 8; i++) forward.push(walker.next().getTime());
    // 2026-03-08 02:30 does not exist in New York; cron-parser's next gives 03:30 EDT (07:30Z).
    expect(forward).toContain(Date.parse('2026-03-08T07:30:00Z'));
    for (let i = 1; i < forward.length - 1; i++) {
      expect(timeline.next(forward[i])).toBe(forward[i + 1]);
      expect(timeline.prev(forward[i + 1])).toBe(forward[i]);
    }
  });
});
