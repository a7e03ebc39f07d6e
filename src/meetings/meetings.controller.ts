import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { PageQuery } from '../common/pagination';
import { CreateMeetingDto } from './meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('councils/:id/meetings')
  create(@CurrentUser() caller: Principal, @IdParam() councilId: string, @Body() body: CreateMeetingDto) {
    return this.meetings.create(caller, councilId, body);
  }

  @Get('councils/:id/meetings')
  list(@CurrentUser() caller: Principal, @IdParam() councilId: string, @Query() query: PageQuery) {
    return this.meetings.list(caller, councilId, query.limit, query.cursor);
  }

  @Get('meetings/:id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.meetings.get(caller, id);
  }
}
