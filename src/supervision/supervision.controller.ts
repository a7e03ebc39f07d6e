import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FollowUpQuery } from './dto/follow-up.dto';
import { FollowUpService } from './follow-up.service';
import { asDownload, CONTENT_TYPES } from './download';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { BoardService } from './board.service';
import { BoardQuery } from './dto/board.dto';
import { AssessmentQuery } from './dto/assessment.dto';
import { AssessmentService } from './assessment.service';
import { IdParam } from '../common/id-param';
import { ApiErrors, binaryContent } from '../common/openapi';
import { AssessmentResponse, BoardResponse, FollowUpResponse } from './supervision.responses';

@ApiTags('supervision')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class SupervisionController {
  constructor(
    private readonly boards: BoardService,
    private readonly assessments: AssessmentService,
    private readonly followUps: FollowUpService,
  ) {}

  /**
   * 督办看板: counts by status and light, the overdue list, figures per lead unit and per owner
   * (none per owner when the council's policy says `board.rankPeople: false`). Chair, supervisors, admin.
   */
  @ApiOkResponse({ type: BoardResponse })
  @ApiErrors(400, 403, 404)
  @Get('supervision/board')
  board(@CurrentUser() caller: Principal, @Query() query: BoardQuery) {
    return this.boards.board(caller, query);
  }

  /**
   * 考核: a score per member organization for a period, weighted (default) or by deduction as the
   * council's `assessment` policy says, with the formula, the weights and each component; components
   * with nothing to measure are listed in `leftOut` and the other weights renormalised. Chair, supervisors, admin.
   */
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiErrors(400, 403, 404)
  @Get('councils/:id/assessment')
  assessment(@CurrentUser() caller: Principal, @IdParam() id: string, @Query() query: AssessmentQuery) {
    return this.assessments.assess(caller, id, query);
  }

  /**
   * 会前汇总: every decision of the council's earlier meetings still open at this meeting, with state,
   * light, days overdue, lead unit, owner and last progress; `format=xlsx` for a spreadsheet. Council readers
   * (each sees the items they may see).
   */
  @Get('meetings/:id/follow-up')
  @ApiExtraModels(FollowUpResponse)
  @ApiOkResponse({
    description: 'JSON, or with `format=xlsx` a spreadsheet',
    content: { 'application/json': { schema: { $ref: getSchemaPath(FollowUpResponse) } }, ...binaryContent(CONTENT_TYPES.xlsx) },
  })
  @ApiErrors(400, 404)
  async followUp(
    @CurrentUser() caller: Principal,
    @IdParam() id: string,
    @Query() query: FollowUpQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.format !== 'xlsx') return this.followUps.followUp(caller, id);
    const file = await this.followUps.followUpXlsx(caller, id);
    asDownload(reply, 'xlsx', file.title, 'follow-up');
    return file.buffer;
  }
}
