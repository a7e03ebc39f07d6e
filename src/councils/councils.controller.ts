import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { AdminOnly } from '../common/admin.guard';
import { IdParam } from '../common/id-param';
import { CreateChannelDto, CreateCouncilDto, UpdateChannelDto, UpdateCouncilDto } from './council.dto';
import { CouncilSettingsService } from './council-settings.service';
import { CouncilsService } from './councils.service';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly settings: CouncilSettingsService,
  ) {}

  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreateCouncilDto) {
    return this.councils.create(caller, body);
  }

  /** The councils the caller belongs to (all of them for an admin). */
  @Get()
  async list(@CurrentUser() caller: Principal) {
    return { items: await this.councils.list(caller), nextCursor: null };
  }

  @Get(':id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.councils.get(caller, id);
  }

  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdateCouncilDto) {
    return this.settings.update(caller, id, body);
  }

  /** Replaces the reminder / escalation policy; pending actions of open items are recomputed. */
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @Put(':id/policy')
  putPolicy(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: unknown) {
    return this.settings.putPolicy(caller, id, body);
  }

  @Post(':id/channels')
  addChannel(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: CreateChannelDto) {
    return this.councils.addChannel(caller, id, body);
  }

  @Get(':id/channels')
  listChannels(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.councils.listChannels(caller, id);
  }

  @Patch(':id/channels/:channelId')
  updateChannel(
    @CurrentUser() caller: Principal,
    @IdParam() id: string,
    @IdParam('channelId') channelId: string,
    @Body() body: UpdateChannelDto,
  ) {
    return this.councils.updateChannel(caller, id, channelId, body);
  }

  @Delete(':id/channels/:channelId')
  @HttpCode(204)
  deleteChannel(@CurrentUser() caller: Principal, @IdParam() id: string, @IdParam('channelId') channelId: string) {
    return this.councils.deleteChannel(caller, id, channelId);
  }
}
