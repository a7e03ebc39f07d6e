import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import ical from 'ical-generator';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../common/principal';
import { notFound } from '../common/domain-error';
import { IdParam } from '../common/id-param';
import { ApiErrors, binaryContent } from '../common/openapi';
import { PeopleService } from '../people/people.service';
import { ResolutionsService } from './resolutions.service';

/**
 * A person's open deadlines as an iCalendar feed, for the calendar app they already read. The URL
 * carries a per-person secret (from GET /people/:id/calendar-token) instead of a bearer token,
 * since calendar apps cannot send headers.
 */
@ApiTags('notifications')
@Controller('people')
export class DeadlineFeedController {
  constructor(
    private readonly resolutions: ResolutionsService,
    private readonly people: PeopleService,
  ) {}

  @Public()
  @Get(':id/calendar.ics')
  @ApiOkResponse({ description: 'an iCalendar feed of the person’s open deadlines', content: binaryContent('text/calendar') })
  @ApiErrors(400, 404)
  @Header('content-type', 'text/calendar; charset=utf-8')
  async feed(@IdParam() id: string, @Query('token') token?: string): Promise<string> {
    const person = await this.people.findWithCalendarToken(id);
    if (!person?.calendarToken || !token || !sameSecret(person.calendarToken, token)) throw notFound('calendar');
    const items = await this.resolutions.openDeadlinesOf(id);
    const calendar = ical({ name: `督办 · ${person.name}`, prodId: { company: 'duban', product: 'deadlines' } });
    for (const r of items) {
      calendar.createEvent({
        id: `${r.id}@duban`,
        start: r.dueAt!,
        end: r.dueAt!,
        // The feed is read by calendar servers outside Duban: a confidential item shows only its number.
        summary: r.confidential ? `【督办到期】第${r.number}号（涉密事项，请登录查看）` : `【督办到期】第${r.number}号 ${r.title}`,
        description: r.confidential ? undefined : (r.description ?? undefined),
      });
    }
    return calendar.toString();
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
