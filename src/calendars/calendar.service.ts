import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CalendarDayRepository } from './calendar-day.repository';
import { WorkingCalendar, type CalendarKind } from './working-calendar';

interface PublishedData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const NIL_ID = '00000000-0000-0000-0000-000000000000';

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
  /** The newest `updated_at` of the rows loaded: tells a copy that another process has overridden since. */
  private loadedVersion = '';

  constructor(
    private readonly calendarDays: CalendarDayRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedPublished();
    await this.reload();
    await this.warnIfNextYearMissing();
  }

  /** The calendar of a kind, as of now (re-read at most every minute). */
  async calendar(kind: CalendarKind, m?: EntityManager): Promise<WorkingCalendar> {
    if (kind !== 'cn') return new WorkingCalendar(kind);
    if (!this.cn || Date.now() - this.loadedAt > REFRESH_MS) await this.reload(m);
    return this.cn!;
  }

  /** The non-ordinary days of a year, published and overridden. */
  async days(year: number): Promise<{ date: string; isWorkday: boolean; name: string | null; source: string }[]> {
    const rows = await this.calendarDays.between(`${year}-01-01`, `${year}-12-31`);
    return rows.map((d) => ({ date: d.date, isWorkday: d.isWorkday, name: d.name, source: d.source }));
  }

  /**
   * Re-reads the calendar if `version` (the newest `updated_at` of calendar_days, as text, read by the
   * caller in the same query as something else) is not the one this copy was loaded at.
   */
  async ensureVersion(version: string | null, m?: EntityManager): Promise<void> {
    if ((version ?? '') !== this.loadedVersion) await this.reload(m);
  }

  /** The copy of a calendar this process holds now, without re-reading it. */
  loaded(kind: CalendarKind): WorkingCalendar | null {
    return kind === 'cn' ? this.cn : null;
  }

  /** SQL for the version `ensureVersion` compares, to be selected alongside another query. */
  static readonly VERSION_SQL = "(SELECT coalesce(max(updated_at)::text, '') FROM calendar_days)";

  /** The working calendar's version as committed now (one query), for `ensureVersion`. */
  currentVersion(): Promise<string> {
    return this.calendarDays.version(CalendarService.VERSION_SQL);
  }

  /** Overrides one day (the controller then has the engine replan what depends on it). */
  async override(date: string, isWorkday: boolean, name: string | null, actorId: string | null = null) {
    await this.db.transaction(async (m) => {
      const before = await this.calendarDays.day(date, m);
      await this.calendarDays.override(date, isWorkday, name, m);
      await this.audit.appendDirectory(m, [
        // The day has no uuid of its own: the event names it by date, under the nil id.
        {
          entityType: 'calendar_day',
          entityId: NIL_ID,
          action: 'calendar.overridden',
          actorId,
          before: before ?? null,
          after: { date, isWorkday, name },
        },
      ]);
    });
    await this.reload();
    return { date, isWorkday, name, source: 'override' };
  }

  /** Whether the published data covers a year (some day of it is listed). */
  async hasYear(year: number): Promise<boolean> {
    return (await this.days(year)).some((d) => d.source === 'published');
  }

  /**
   * Inside a transaction, pass its manager: reading through the pool instead would need a second
   * connection while the transaction holds one, and many transactions doing so at once could wait
   * on each other for the pool.
   */
  private async reload(m?: EntityManager): Promise<void> {
    const { version, rows } = await this.calendarDays.allWithVersion(CalendarService.VERSION_SQL, m);
    this.cn = new WorkingCalendar('cn', new Map(rows.map((r) => [r.date, r.isWorkday])));
    this.loadedAt = Date.now();
    this.loadedVersion = version;
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

/**
 * Run after a day of a calendar was overridden: the reminder engine replans what depends on it. A
 * port bound in app.module.ts (the engine depends on calendars, not the other way round); injected
 * by the controller, as the engine itself needs this service.
 */
export abstract class CalendarChangeHook {
  /** Answers how many open items were replanned. */
  abstract calendarChanged(kind: CalendarKind, date: string): Promise<number>;
}
