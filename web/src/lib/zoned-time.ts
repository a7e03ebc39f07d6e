/**
 * A wall time typed in a picker ("2026-03-01T09:00:00") is a time in the council's zone, not the
 * browser's: a secretary in Urumqi registers a Beijing meeting at Beijing's 09:00.
 */

/** Minutes east of UTC of `timeZone` at the instant `epochMs`. */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-03-01T09:00:00" in Asia/Shanghai → "2026-03-01T09:00:00+08:00"; null when the text is not a wall time. */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at the guessed instant, checked once more at the result (a change of offset in between).
  let offset = zoneOffsetMinutes(naive - zoneOffsetMinutes(naive, timeZone) * 60_000, timeZone);
  offset = zoneOffsetMinutes(naive - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
