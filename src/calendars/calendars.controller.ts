import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { AdminOnly } from '../common/admin.guard';
import { CurrentUser, type Principal } from '../common/principal';
import { invalid } from '../common/domain-error';
import { ApiErrors } from '../common/openapi';
import { CalendarOverrideDto, CalendarYearQuery } from './calendar.dto';
import { CalendarOverrideResponse, CalendarYearResponse } from './calendar.responses';
import { CalendarChangeHook, CalendarService } from './calendar.service';

@ApiTags('calendars')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('calendars/cn/days')
export class CalendarsController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly changed: CalendarChangeHook,
  ) {}

  /** Holidays, adjusted working weekends and overrides of one year. */
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiErrors(400)
  @Get()
  async days(@Query() query: CalendarYearQuery) {
    return { year: query.year, published: await this.calendars.hasYear(query.year), items: await this.calendars.days(query.year) };
  }

  /** Overrides the published calendar for one date (kept when the published data is re-seeded). */
  @ApiOkResponse({ type: CalendarOverrideResponse, description: 'the day as overridden' })
  @ApiErrors(400, 403)
  @AdminOnly()
  @Put(':date')
  async override(@CurrentUser() caller: Principal, @Param('date') date: string, @Body() body: CalendarOverrideDto) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid) throw invalid('date', 'must be a date YYYY-MM-DD', 'isDate');
    const day = await this.calendars.override(date, body.isWorkday, body.name ?? null, caller.id);
    // The pending reminders that counted this day move at once (`replanned`: how many open items).
    return { ...day, replanned: await this.changed.calendarChanged('cn', date) };
  }
}
