import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_SOURCES } from './calendar-day.entity';

/** A day that differs from Mon–Fri: a holiday, an adjusted working weekend (调休), or an override. */
export class CalendarDayResponse {
  @ApiProperty({ format: 'date', example: '2026-10-01' })
  date: string;

  @ApiProperty()
  isWorkday: boolean;

  @ApiProperty({ type: String, nullable: true, example: '国庆节' })
  name: string | null;

  @ApiProperty({ enum: CALENDAR_SOURCES })
  source: string;
}

export class CalendarYearResponse {
  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ description: 'Whether the published calendar covers this year' })
  published: boolean;

  @ApiProperty({ type: CalendarDayResponse, isArray: true })
  items: CalendarDayResponse[];
}

export class CalendarOverrideResponse extends CalendarDayResponse {
  @ApiProperty({ type: 'integer', description: 'How many open items had their pending reminders moved' })
  replanned: number;
}
