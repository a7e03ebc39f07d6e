import { describe, expect, it } from 'vitest';
import { wallTimeToIso, zoneOffsetMinutes } from './zoned-time';

describe('wall time in a council zone', () => {
  it.each([
    ['2026-03-01T09:00:00', 'Asia/Shanghai', '2026-03-01T09:00:00+08:00'],
    ['2026-03-01 09:30', 'Asia/Shanghai', '2026-03-01T09:30:00+08:00'],
    ['2026-07-01T09:00:00', 'Europe/Berlin', '2026-07-01T09:00:00+02:00'],
    ['2026-01-15T09:00:00', 'America/New_York', '2026-01-15T09:00:00-05:00'],
    ['2026-03-01T09:00:00', 'Asia/Kolkata', '2026-03-01T09:00:00+05:30'],
  ])('%s in %s is %s', (wall, zone, iso) => {
    expect(wallTimeToIso(wall, zone)).toBe(iso);
    expect(new Date(iso).getTime()).toBe(new Date(wallTimeToIso(wall, zone)!).getTime());
  });

  it('refuses what is not a wall time', () => {
    expect(wallTimeToIso('next monday', 'Asia/Shanghai')).toBeNull();
  });

  it('knows the offset on each side of a change', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 29, 1, 1), 'Europe/Berlin')).toBe(120);
  });
});
