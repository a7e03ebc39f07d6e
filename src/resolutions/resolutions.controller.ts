import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, invalid } from '../common/domain-error';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { ApiErrors, ApiErrorWith, FieldIssueBody, pageOf } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { ImportQuery, ListResolutionsQuery, RegisterResolutionDto } from './resolution.dto';
import { ResolutionImportService } from './resolution-import.service';
import { ResolutionListService } from './resolution-list.service';
import {
  AuditEventResponse,
  CheckListResponse,
  ExtensionRequestListResponse,
  ImportDryRunResponse,
  ImportResponse,
  ResolutionDetailResponse,
  ResolutionResponse,
} from './resolution.responses';
import { ResolutionsService } from './resolutions.service';

@ApiTags('resolutions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class ResolutionsController {
  constructor(
    private readonly resolutions: ResolutionsService,
    private readonly lists: ResolutionListService,
    private readonly imports: ResolutionImportService,
  ) {}

  /**
   * Registers every decision of a CSV or XLSX file (one row each, first row the headers): all or none.
   * With `?dryRun=true` it checks every row the same way and saves nothing: 200 `{dryRun, valid, rows,
   * created: 0, errors: [{row, field, message}], preview: [{row, cells}]}`.
   */
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiOkResponse({ type: ImportDryRunResponse, description: 'with `?dryRun=true`: what the import would do; nothing is saved' })
  @ApiErrorWith(400, 'the file is refused and nothing is created: `errors` lists every bad row, `{row, field, message}`', {
    errors: { type: 'array', items: { $ref: getSchemaPath(FieldIssueBody) } },
    created: { type: 'integer', enum: [0] },
  })
  @ApiErrors(403, 404, 413)
  @Post('meetings/:id/resolutions/import')
  async import(
    @CurrentUser() caller: Principal,
    @IdParam() meetingId: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!request.isMultipart()) throw invalid('file', 'must be sent as multipart/form-data', 'multipart');
    const { buffer, filename } = await readUpload(request);
    if (query.dryRun === 'true') {
      // Nothing is created by a dry run: 200, not 201.
      void reply.status(200);
      return this.imports.dryRun(caller, meetingId, { buffer, filename });
    }
    return this.imports.import(caller, meetingId, { buffer, filename });
  }

  /** Registers one decision of a meeting (secretaries). */
  @ApiCreatedResponse({ type: ResolutionResponse, description: 'the resolution, in `registered`' })
  @ApiErrors(400, 403, 404)
  @Post('meetings/:id/resolutions')
  register(@CurrentUser() caller: Principal, @IdParam() meetingId: string, @Body() body: RegisterResolutionDto) {
    return this.resolutions.register(caller, meetingId, body);
  }

  /** Splits a decision into a child item (supervisors). */
  @ApiCreatedResponse({ type: ResolutionResponse, description: 'the child resolution' })
  @ApiErrors(400, 403, 404, 409)
  @Post('resolutions/:id/children')
  addChild(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: RegisterResolutionDto) {
    return this.resolutions.addChild(caller, id, body);
  }

  /** The resolutions the caller may see, filtered and paged. */
  @ApiOkResponse({ type: pageOf(ResolutionResponse) })
  @ApiErrors(400)
  @Get('resolutions')
  list(@CurrentUser() caller: Principal, @Query() query: ListResolutionsQuery) {
    return this.lists.list(caller, query);
  }

  @ApiOkResponse({ type: ResolutionDetailResponse })
  @ApiErrors(400, 404)
  @Get('resolutions/:id')
  get(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.get(caller, id);
  }

  /** The audit events of one resolution, oldest first, paged like every list (`limit` 1..200, default 50; `cursor`). */
  @ApiOkResponse({ type: pageOf(AuditEventResponse) })
  @ApiErrors(400, 404)
  @Get('resolutions/:id/events')
  events(@CurrentUser() caller: Principal, @IdParam() id: string, @Query() query: PageQuery) {
    return this.resolutions.events(caller, id, query.limit, query.cursor);
  }

  /** The supervision checks (site visits, document reviews, hearings) recorded on a resolution. */
  @ApiOkResponse({ type: CheckListResponse })
  @ApiErrors(400, 404)
  @Get('resolutions/:id/checks')
  checks(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.checks(caller, id);
  }

  @ApiOkResponse({ type: ExtensionRequestListResponse })
  @ApiErrors(400, 404)
  @Get('resolutions/:id/extension-requests')
  extensionRequests(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.resolutions.extensionRequests(caller, id);
  }
}

/**
 * The uploaded file. Limits (file too large, too many parts) keep their own 4xx; a body that only
 * claims to be multipart (no boundary, cut short) is the client's error, named `file`, not a 500.
 */
async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw invalid('file', 'is required (a multipart field named "file")', 'required');
    const buffer = await part.toBuffer();
    // toBuffer() misses a limit reached on the very last chunk: the file arrives cut, never parsed.
    if (part.file.truncated) {
      const message = 'the file is larger than the upload limit (UPLOAD_LIMIT_BYTES)';
      throw new DomainError('IMPORT_FILE_TOO_LARGE', 'too_large', message, [{ field: 'file', rule: 'maxSize', message }]);
    }
    return { buffer, filename: part.filename };
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (err instanceof DomainError || (typeof status === 'number' && status >= 400 && status < 500)) throw err;
    throw invalid('file', `is not a readable multipart body: ${(err as Error).message}`, 'multipart');
  }
}
