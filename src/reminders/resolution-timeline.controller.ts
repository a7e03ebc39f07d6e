import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param';
import { ApiErrors } from '../common/openapi';
import { CurrentUser, type Principal } from '../common/principal';
import { TimelineResponse } from './reminder.responses';
import { ResolutionTimelineService } from './resolution-timeline.service';

@ApiTags('resolutions')
@ApiBearerAuth()
@Controller()
export class ResolutionTimelineController {
  constructor(private readonly timelines: ResolutionTimelineService) {}

  /** Past events and upcoming reminders / escalations with their instants and recipients. */
  @ApiOkResponse({ type: TimelineResponse })
  @ApiErrors(400, 401, 404)
  @Get('resolutions/:id/timeline')
  timeline(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.timelines.timeline(caller, id);
  }
}
