import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, type Principal } from '../common/principal';
import { AdminOnly } from '../common/admin.guard';
import { IdParam } from '../common/id-param';
import { PageQuery } from '../common/pagination';
import { CreatePersonDto, PreferencesDto, UpdatePersonDto } from './person.dto';
import { PeopleService } from './people.service';

class PeopleQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreatePersonDto) {
    return this.people.create(body, caller.id);
  }

  @Get()
  list(@CurrentUser() caller: Principal, @Query() query: PeopleQuery) {
    return this.people.list(caller, query.limit, query.cursor, query.organizationId);
  }

  @Get(':id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.get(caller, id);
  }

  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdatePersonDto) {
    return this.people.update(caller, id, body);
  }

  /** Disables the account: no sign-in, every session ends at once; the person's items stay. */
  @AdminOnly()
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.disable(caller, id);
  }

  @AdminOnly()
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.enable(id, caller.id);
  }

  @Get(':id/preferences')
  getPreferences(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.getPreferences(caller, id);
  }

  @Put(':id/preferences')
  putPreferences(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: PreferencesDto) {
    return this.people.putPreferences(caller, id, body);
  }

  /** The secret for `GET /people/:id/calendar.ics?token=`. */
  @Get(':id/calendar-token')
  calendarToken(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.calendarToken(caller, id);
  }

  /** A new calendar-feed token; the old one stops working (a leaked feed address is ended this way). */
  @Post(':id/calendar-token')
  @HttpCode(200)
  rotateCalendarToken(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.rotateCalendarToken(caller, id);
  }
}
