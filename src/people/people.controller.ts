import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, type Principal } from '../common/principal';
import { AdminOnly } from '../common/admin.guard';
import { IdParam } from '../common/id-param';
import { ApiErrors, pageOf } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { CreatePersonDto, PreferencesDto, UpdatePersonDto } from './person.dto';
import { PeopleService } from './people.service';
import { CalendarTokenResponse, PersonResponse, PreferencesResponse } from './person.responses';

class PeopleQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@ApiTags('directory')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @ApiCreatedResponse({ type: PersonResponse })
  @ApiErrors(400, 403, 409)
  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreatePersonDto) {
    return this.people.create(body, caller.id);
  }

  @ApiOkResponse({ type: pageOf(PersonResponse) })
  @ApiErrors(400)
  @Get()
  list(@CurrentUser() caller: Principal, @Query() query: PeopleQuery) {
    return this.people.list(caller, query.limit, query.cursor, query.organizationId);
  }

  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors(400, 404)
  @Get(':id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.get(caller, id);
  }

  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors(400, 403, 404)
  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdatePersonDto) {
    return this.people.update(caller, id, body);
  }

  /** Disables the account: no sign-in, every session ends at once; the person's items stay. */
  @ApiOkResponse({ type: PersonResponse, description: 'the person, disabled' })
  @ApiErrors(400, 403, 404, 409)
  @AdminOnly()
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.disable(caller, id);
  }

  @ApiOkResponse({ type: PersonResponse, description: 'the person, enabled' })
  @ApiErrors(400, 403, 404)
  @AdminOnly()
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.enable(id, caller.id);
  }

  @ApiOkResponse({ type: PreferencesResponse })
  @ApiErrors(400, 403, 404)
  @Get(':id/preferences')
  getPreferences(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.getPreferences(caller, id);
  }

  @ApiOkResponse({ type: PreferencesResponse, description: 'the preferences as stored' })
  @ApiErrors(400, 403, 404)
  @Put(':id/preferences')
  putPreferences(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: PreferencesDto) {
    return this.people.putPreferences(caller, id, body);
  }

  /** The secret for `GET /people/:id/calendar.ics?token=`. */
  @ApiOkResponse({ type: CalendarTokenResponse })
  @ApiErrors(400, 403, 404)
  @Get(':id/calendar-token')
  calendarToken(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.calendarToken(caller, id);
  }

  /** A new calendar-feed token; the old one stops working (a leaked feed address is ended this way). */
  @ApiOkResponse({ type: CalendarTokenResponse })
  @ApiErrors(400, 403, 404)
  @Post(':id/calendar-token')
  @HttpCode(200)
  rotateCalendarToken(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.rotateCalendarToken(caller, id);
  }
}
