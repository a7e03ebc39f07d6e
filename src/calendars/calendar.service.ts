import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Clock } from '../common/clock';
import { CalendarDayRepository } from './calendar-day.repository';
import { WorkingCalendar, type CalendarKind } from './working-calendar';

interface PublishedData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** How long a process trusts its copy of the calendar before re-reading it (overrides made elsewhere). */
const REFRESH_MS = 60_000;

/**
 * The working-day calendars. `cn` is kept in `calendar_days`, seeded from the `chinese-days`
 * package's published data (holidays and adjusted working weekends) and editable by admins.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Calendar');
  private cn: WorkingCalendar | null = null;
  private loadedAt = 0;

  constructor(
    private readonly calendarDays: CalendarDayRepository,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedPublished();
    await this.reload();
    await this.warnIfNextYearMissing();
  }

  /** The calendar of a kind, as of now (re-read at most every minute). */
  async calendar(kind: CalendarKind): Promise<WorkingCalendar> {
    if (kind !== 'cn') return new WorkingCalendar(kind);
    if (!this.cn || Date.now() - this.loadedAt > REFRESH_MS) await this.reload();
    return this.cn!;
  }

  /** The non-ordinary days of a year, published and overridden. */
  async days(year: number): Promise<{ date: string; isWorkday: boolean; name: string | null; source: string }[]> {
    const rows = await this.calendarDays.between(`${year}-01-01`, `${year}-12-31`);
    return rows.map((d) => ({ date: d.date, isWorkday: d.isWorkday, name: d.name, source: d.source }));
  }

  async override(date: string, isWorkday: boolean, name: string | null) {
    await this.calendarDays.override(date, isWorkday, name);
    await this.reload();
    return { date, isWorkday, name, source: 'override' };
  }

  /** Whether the published data covers a year (some day of it is listed). */
  async hasYear(year: number): Promise<boolean> {
    return (await this.days(year)).some((d) => d.source === 'published');
  }

  private async reload(): Promise<void> {
    const rows = await this.calendarDays.all();
    this.cn = new WorkingCalendar('cn', new Map(rows.map((r) => [r.date, r.isWorkday])));
    this.loadedAt = Date.now();
  }

  private async seedPublished(): Promise<void> {
    const data = require('chinese-days/dist/chinese-days.json') as PublishedData;
    const rows: [string, boolean, string][] = [
      ...Object.entries(data.holidays).map(([d, v]): [string, boolean, string] => [d, false, v.split(',')[1] ?? v]),
      ...Object.entries(data.workdays).map(([d, v]): [string, boolean, string] => [d, true, `${v.split(',')[1] ?? v} 调休上班`]),
    ];
    // Published rows never replace an admin's override.
    await this.calendarDays.upsertPublished(rows);
  }

  private async warnIfNextYearMissing(): Promise<void> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: 'Asia/Shanghai' });
    if (now.month < 12) return;
    const next = now.year + 1;
    if (await this.hasYear(next)) return;
    this.logger.warn(
      `the cn calendar has no official holidays for ${next} yet: until they are published (or entered with PUT /calendars/cn/days/:date) Mon–Fri count as working days`,
    );
  }
}
