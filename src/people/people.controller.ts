import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
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
  create(@Body() body: CreatePersonDto) {
    return this.people.create(body);
  }

  @Get()
  list(@Query() query: PeopleQuery) {
    return this.people.list(query.limit, query.cursor, query.organizationId);
  }

  @Get(':id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.people.get(caller, id);
  }

  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdatePersonDto) {
    return this.people.update(caller, id, body);
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
}
