import { DateTime, IANAZone } from 'luxon';
import { cachedZone } from './cached-zone';

describe('cachedZone', () => {
  // Zones with DST changes on the hour, at 02:00 local on a half-hour offset, and none at all.
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Shanghai'];
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2027, 0, 1);

  it.each(zones)('gives the same offset as luxon for %s at every hour and odd second of 2024–2026', (name) => {
    const exact = IANAZone.create(name);
    const cached = cachedZone(name);
    let differences = 0;
    for (let t = from; t < to; t += 3_600_000 + 7_000) {
      // Asked twice: the second answer comes from the memo.
      if (cached.offset(t) !== exact.offset(t) || cached.offset(t) !== exact.offset(t)) differences++;
    }
    expect(differences).toBe(0);
  });

  it('answers exactly on both sides of a change of offset inside one hour', () => {
    // Lord Howe Island moves from +11:00 to +10:30 at 02:00 local on 6 April 2025 (15:00 UTC on the 5th).
    const change = Date.UTC(2025, 3, 5, 15, 0, 0);
    const zone = cachedZone('Australia/Lord_Howe');
    expect([zone.offset(change - 1000), zone.offset(change), zone.offset(change + 1000)]).toEqual([660, 630, 630]);
  });

  it('keeps wall-clock arithmetic across a DST change the same as a named zone', () => {
    const start = new Date('2026-03-07T12:00:00Z');
    const byName = DateTime.fromJSDate(start, { zone: 'America/New_York' }).plus({ days: 2 });
    const byCache = DateTime.fromJSDate(start, { zone: cachedZone('America/New_York') }).plus({ days: 2 });
    expect(byCache.toISO()).toBe(byName.toISO());
    expect(byCache.hour).toBe(7);
  });

  it('is one shared instance per name, and an unknown name stays invalid', () => {
    expect(cachedZone('Asia/Shanghai')).toBe(cachedZone('Asia/Shanghai'));
    expect(cachedZone('Mars/Olympus').isValid).toBe(false);
    expect(Number.isNaN(cachedZone('Mars/Olympus').offset(from))).toBe(true);
  });
});
