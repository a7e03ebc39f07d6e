import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { AdminOnly } from '../common/admin.guard';
import { IdParam } from '../common/id-param';
import { ApiErrors } from '../common/openapi';
import { CreateChannelDto, CreateCouncilDto, UpdateChannelDto, UpdateCouncilDto } from './council.dto';
import { ChannelListResponse, ChannelResponse, CouncilListResponse, CouncilResponse, POLICY_REF } from './council.responses';
import { CouncilSettingsService } from './council-settings.service';
import { CouncilsService } from './councils.service';

@ApiTags('councils')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly settings: CouncilSettingsService,
  ) {}

  @ApiCreatedResponse({ type: CouncilResponse })
  @ApiErrors(400, 403)
  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreateCouncilDto) {
    return this.councils.create(caller, body);
  }

  /** The councils the caller belongs to (all of them for an admin). */
  @ApiOkResponse({ type: CouncilListResponse })
  @Get()
  async list(@CurrentUser() caller: Principal) {
    return { items: await this.councils.list(caller), nextCursor: null };
  }

  @ApiOkResponse({ type: CouncilResponse })
  @ApiErrors(400, 404)
  @Get(':id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.councils.get(caller, id);
  }

  @ApiOkResponse({ type: CouncilResponse })
  @ApiErrors(400, 403, 404)
  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdateCouncilDto) {
    return this.settings.update(caller, id, body);
  }

  /** Replaces the reminder / escalation policy; pending actions of open items are recomputed. */
  @ApiOkResponse({ schema: POLICY_REF, description: 'the policy as stored' })
  @ApiErrors(400, 403, 404)
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @Put(':id/policy')
  putPolicy(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: unknown) {
    return this.settings.putPolicy(caller, id, body);
  }

  @ApiCreatedResponse({ type: ChannelResponse })
  @ApiErrors(400, 403, 404)
  @Post(':id/channels')
  addChannel(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: CreateChannelDto) {
    return this.councils.addChannel(caller, id, body);
  }

  @ApiOkResponse({ type: ChannelListResponse })
  @ApiErrors(400, 403, 404)
  @Get(':id/channels')
  listChannels(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.councils.listChannels(caller, id);
  }

  @ApiOkResponse({ type: ChannelResponse })
  @ApiErrors(400, 403, 404)
  @Patch(':id/channels/:channelId')
  updateChannel(
    @CurrentUser() caller: Principal,
    @IdParam() id: string,
    @IdParam('channelId') channelId: string,
    @Body() body: UpdateChannelDto,
  ) {
    return this.councils.updateChannel(caller, id, channelId, body);
  }

  @ApiNoContentResponse({ description: 'the channel is gone' })
  @ApiErrors(400, 403, 404)
  @Delete(':id/channels/:channelId')
  @HttpCode(204)
  deleteChannel(@CurrentUser() caller: Principal, @IdParam() id: string, @IdParam('channelId') channelId: string) {
    return this.councils.deleteChannel(caller, id, channelId);
  }
}
