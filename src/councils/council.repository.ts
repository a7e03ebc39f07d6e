import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendars/calendar.service';

/** The councils table's SQL beyond plain finds and saves. */
@Injectable()
export class CouncilRepository {
  /** Moves the council's resolution counter on by `count` (locking the row until commit); answers the last number. */
  async reserveResolutionNumbers(m: EntityManager, councilId: string, count: number): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [[{ resolution_seq: last }]] = await m.query<[{ resolution_seq: number }[], number]>(
      'UPDATE councils SET resolution_seq = resolution_seq + $2 WHERE id = $1 RETURNING resolution_seq',
      [councilId, count],
    );
    return last;
  }

  /**
   * A council's policy, zone and calendar as committed now, and the working calendar's version, in
   * one query (the calendar's version SQL is the calendars module's own, embedded here).
   */
  async settingsIn(m: EntityManager, councilId: string): Promise<CouncilSettings | undefined> {
    const [row] = await m.query<{ policy: unknown; timezone: string; calendar: string; calendar_version: string }[]>(
      `SELECT policy, timezone, calendar, ${CalendarService.VERSION_SQL} AS calendar_version FROM councils WHERE id = $1`,
      [councilId],
    );
    return row && { policy: row.policy, timezone: row.timezone, calendar: row.calendar, calendarVersion: row.calendar_version };
  }
}

export interface CouncilSettings {
  policy: unknown;
  timezone: string;
  calendar: string;
  calendarVersion: string;
}
