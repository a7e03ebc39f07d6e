import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { ApiErrors, pageOf } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { CreateMeetingDto } from './meeting.dto';
import { MeetingResponse } from './meeting.responses';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404)
  @Post('councils/:id/meetings')
  create(@CurrentUser() caller: Principal, @IdParam() councilId: string, @Body() body: CreateMeetingDto) {
    return this.meetings.create(caller, councilId, body);
  }

  @ApiOkResponse({ type: pageOf(MeetingResponse), description: 'the council’s meetings, latest first' })
  @ApiErrors(400, 404)
  @Get('councils/:id/meetings')
  list(@CurrentUser() caller: Principal, @IdParam() councilId: string, @Query() query: PageQuery) {
    return this.meetings.list(caller, councilId, query.limit, query.cursor);
  }

  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404)
  @Get('meetings/:id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.meetings.get(caller, id);
  }
}
