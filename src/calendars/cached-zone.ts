import { IANAZone, type Zone } from 'luxon';

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before the memo starts over (a few years of hours). */
const MAX_HOURS = 50_000;

/**
 * An IANA zone that remembers its UTC offset hour by hour. luxon asks the zone for its offset at
 * every conversion (several per date-time operation), and `Intl` answers that slowly: planning one
 * item's reminders spent most of its time there. An hour is remembered only when its first and last
 * second have the same offset, so an hour holding a change of offset is always computed exactly.
 */
class CachedZone extends IANAZone {
  private readonly hours = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.hours.get(hour);
    if (known !== undefined) return known;
    const first = super.offset(hour * HOUR_MS);
    if (Number.isNaN(first) || first !== super.offset(hour * HOUR_MS + HOUR_MS - 1000)) return super.offset(ts);
    if (this.hours.size >= MAX_HOURS) this.hours.clear();
    this.hours.set(hour, first);
    return first;
  }
}

const zones = new Map<string, Zone>();

/** The zone named `name` for luxon's `{ zone }` option, shared by every caller. */
export function cachedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new CachedZone(name);
    zones.set(name, zone);
  }
  return zone;
}
