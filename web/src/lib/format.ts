// Dates as the people of a council read them: in the council's time zone, Chinese format by default.
export const DEFAULT_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      year: 'numeric',
      month: locale === 'en' ? 'short' : 'long',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

function valid(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026年3月2日 09:00 (zh-CN) or 2 Mar 2026, 09:00 (en), in `timeZone`; '—' for nothing. */
export function formatDateTime(iso: string | null | undefined, timeZone = DEFAULT_ZONE, locale = 'zh-CN'): string {
  const d = valid(iso);
  return d ? formatter(locale, timeZone, true).format(d) : '—';
}

/** 2026年3月2日 (zh-CN) or 2 Mar 2026 (en), the day in `timeZone`. */
export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_ZONE, locale = 'zh-CN'): string {
  const d = valid(iso);
  return d ? formatter(locale, timeZone, false).format(d) : '—';
}

/** The calendar day (YYYY-MM-DD) of an instant in `timeZone`: what a date picker shows for a deadline. */
export function dayInZone(iso: string, timeZone = DEFAULT_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(iso),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** 0.8333 → "83.3%"; null (nothing to measure) → "—". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
