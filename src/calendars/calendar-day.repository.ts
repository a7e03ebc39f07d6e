import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarDay } from './calendar-day.entity';

/** The calendar_days table: the published days and the admins' overrides. */
@Injectable()
export class CalendarDayRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Every listed day and the table's version (see CalendarService.VERSION_SQL), read in that order. */
  async allWithVersion(versionSql: string, m: EntityManager = this.db.manager): Promise<{ version: string; rows: CalendarDay[] }> {
    // The version first: rows read after it are at least as new, so a copy is never taken as newer than it is.
    const [{ version }] = await m.query<{ version: string }[]>(`SELECT ${versionSql} AS version`);
    return { version, rows: await m.find(CalendarDay) };
  }

  /** The table's version alone (see CalendarService.VERSION_SQL). */
  async version(versionSql: string): Promise<string> {
    const [{ version }] = await this.db.query<{ version: string }[]>(`SELECT ${versionSql} AS version`);
    return version;
  }

  /** One listed day as it stands, in the caller's transaction (undefined for an ordinary day). */
  async day(date: string, m: EntityManager): Promise<{ isWorkday: boolean; name: string | null; source: string } | undefined> {
    const [row] = await m.query<{ isWorkday: boolean; name: string | null; source: string }[]>(
      'SELECT is_workday AS "isWorkday", name, source FROM calendar_days WHERE date = $1',
      [date],
    );
    return row;
  }

  all(): Promise<CalendarDay[]> {
    return this.db.getRepository(CalendarDay).find();
  }

  /** The listed days between two dates (inclusive), in order. */
  between(from: string, to: string): Promise<CalendarDay[]> {
    return this.db
      .getRepository(CalendarDay)
      .createQueryBuilder('d')
      .where('d.date BETWEEN :from AND :to', { from, to })
      .orderBy('d.date')
      .getMany();
  }

  /** An admin's override of one day (replacing whatever the day was). */
  async override(date: string, isWorkday: boolean, name: string | null, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(
      `INSERT INTO calendar_days (date, is_workday, name, source, updated_at) VALUES ($1, $2, $3, 'override', now())
       ON CONFLICT (date) DO UPDATE SET is_workday = EXCLUDED.is_workday, name = EXCLUDED.name, source = 'override', updated_at = now()`,
      [date, isWorkday, name],
    );
  }

  /** Published days, 500 per statement; a published row never replaces an admin's override. */
  async upsertPublished(rows: [date: string, isWorkday: boolean, name: string][]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((_, j) => `($${j * 3 + 1}::date, $${j * 3 + 2}::boolean, $${j * 3 + 3}, 'published', now())`).join(', ');
      await this.db.query(
        `INSERT INTO calendar_days (date, is_workday, name, source, updated_at) VALUES ${values}
         ON CONFLICT (date) DO UPDATE SET is_workday = EXCLUDED.is_workday, name = EXCLUDED.name
         WHERE calendar_days.source = 'published'`,
        chunk.flat(),
      );
    }
  }
}
