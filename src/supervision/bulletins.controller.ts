import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { ApiErrors, binaryContent, pageOf } from '../common/openapi';
import { localDate } from './render/sections';
import { renderCsv } from './render/csv';
import { renderDocx } from './render/docx';
import { renderHtml } from './render/html';
import { renderXlsx } from './render/xlsx';
import { BulletinsService, bulletinView } from './bulletins.service';
import { asDownload, CONTENT_TYPES } from './download';
import { BulletinFormatQuery, CreateBulletinDto, ListBulletinsQuery } from './dto/bulletin.dto';
import { BulletinDetailResponse, BulletinResponse } from './supervision.responses';

@ApiTags('supervision')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  /** Issues a bulletin (督查通报) for a period now (supervisors); the chair and supervisors are notified. */
  @ApiCreatedResponse({ type: BulletinResponse })
  @ApiErrors(400, 403, 404)
  @Post('councils/:id/bulletins')
  create(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: CreateBulletinDto) {
    return this.bulletins.create(caller, id, body);
  }

  /** The council's bulletins, newest first (chair, supervisors, admin). */
  @ApiOkResponse({ type: pageOf(BulletinResponse), description: 'newest first' })
  @ApiErrors(400, 403, 404)
  @Get('councils/:id/bulletins')
  list(@CurrentUser() caller: Principal, @IdParam() id: string, @Query() query: ListBulletinsQuery) {
    return this.bulletins.list(caller, id, query);
  }

  /**
   * One bulletin in any format, all rendered from the same stored snapshot: `json` (default), `html`
   * (printable A4, the chart as inline SVG, no script), `csv` (UTF-8 with BOM), `xlsx` (a sheet per
   * section), `docx`.
   */
  @Get('bulletins/:id')
  @ApiExtraModels(BulletinDetailResponse)
  @ApiOkResponse({
    description: 'JSON by default; `format` html, csv, xlsx or docx for a document',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BulletinDetailResponse) } },
      ...binaryContent(CONTENT_TYPES.html, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx, CONTENT_TYPES.docx),
    },
  })
  @ApiErrors(400, 403, 404)
  async get(
    @CurrentUser() caller: Principal,
    @IdParam() id: string,
    @Query() query: BulletinFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const b = await this.bulletins.get(caller, id);
    const c = b.content;
    const format = query.format ?? 'json';
    if (format === 'json') return { ...bulletinView(b), ...c, summary: c.summary };
    const name = `督查通报-${c.councilName}-${localDate(c.periodStart, c.timezone)}至${localDate(c.periodEnd, c.timezone)}`;
    asDownload(reply, format, name, `bulletin-${b.id}`);
    switch (format) {
      case 'html':
        return renderHtml(c);
      case 'csv':
        return renderCsv(c);
      case 'xlsx':
        return renderXlsx(c);
      case 'docx':
        return renderDocx(c);
    }
  }
}
