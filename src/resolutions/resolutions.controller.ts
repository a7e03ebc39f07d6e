import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { invalid } from '../common/domain-error';
import { CurrentUser, type Principal } from '../auth/principal';
import { IdParam } from '../common/id-param';
import { ListResolutionsQuery, RegisterResolutionDto } from './resolution.dto';
import { ResolutionImportService } from './resolution-import.service';
import { ResolutionListService } from './resolution-list.service';
import { ResolutionsService } from './resolutions.service';

@ApiTags('resolutions')
@ApiBearerAuth()
@Controller()
export class ResolutionsController {
  constructor(
    private readonly resolutions: ResolutionsService,
    private readonly lists: ResolutionListService,
    private readonly imports: ResolutionImportService,
  ) {}

  /** Registers every decision of a CSV or XLSX file (one row each, first row the headers): all or none. */
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Post('meetings/:id/resolutions/import')
  async import(@CurrentUser() caller: Principal, @IdParam() meetingId: string, @Req() request: FastifyRequest) {
    if (!request.isMultipart()) throw invalid('file', 'must be sent as multipart/form-data', 'multipart');
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw invalid('file', 'is required (a multipart field named "file")', 'required');
    const buffer = await part.toBuffer();
    return this.imports.import(caller, meetingId, { buffer, filename: part.filename });
  }

  /** Registers one decision of a meeting (secretaries). */
  @Post('meetings/:id/resolutions')
  register(@CurrentUser() caller: Principal, @IdParam() meetingId: string, @Body() body: RegisterResolutionDto) {
    return this.resolutions.register(caller, meetingId, body);
  }

  /** Splits a decision into a child item (supervisors). */
  @Post('resolutions/:id/children')
  addChild(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: RegisterResolutionDto) {
    return this.resolutions.addChild(caller, id, body);
  }

  /** The resolutions the caller may see, filtered and paged. */
  @Get('resolutions')
  list(@CurrentUser() caller: Principal, @Query() query: ListResolutionsQuery) {
    return this.lists.list(caller, query);
  }

  @Get('resolutions/:id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.get(caller, id);
  }

  /** The audit events of one resolution, oldest first. */
  @Get('resolutions/:id/events')
  events(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.events(caller, id);
  }

  /** Past events and upcoming reminders / escalations with their instants and recipients. */
  @Get('resolutions/:id/timeline')
  timeline(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.timeline(caller, id);
  }

  @Get('resolutions/:id/extension-requests')
  extensionRequests(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.extensionRequests(caller, id);
  }
}
