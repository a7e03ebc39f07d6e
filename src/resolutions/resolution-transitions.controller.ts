import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { ApiErrors } from '../common/openapi';
import { CheckResponse, ExtensionRequestResponse, ResolutionResponse, UrgeResponse } from './resolution.responses';
import { ResolutionTransitionsService } from './resolution-transitions.service';
import {
  AcceptDto,
  AssignDto,
  CheckDto,
  CompletionRequestDto,
  DecisionDto,
  ExtensionRequestDto,
  ProgressDto,
  ReasonDto,
  ReassignDto,
  UrgeDto,
  VerifyDto,
} from './resolution.dto';

/** The workflow: each action sends the `version` it was based on; a stale one gets 409. */
@ApiTags('resolution workflow')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409)
@Controller('resolutions/:id')
export class ResolutionTransitionsController {
  constructor(private readonly transitions: ResolutionTransitionsService) {}

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('assign')
  @HttpCode(200)
  assign(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: AssignDto) {
    return this.transitions.assign(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('reassign')
  @HttpCode(200)
  reassign(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: ReassignDto) {
    return this.transitions.reassign(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('accept')
  @HttpCode(200)
  accept(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: AcceptDto) {
    return this.transitions.accept(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('progress')
  @HttpCode(200)
  progress(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: ProgressDto) {
    return this.transitions.progress(c, id, b);
  }

  @ApiCreatedResponse({ type: ExtensionRequestResponse, description: 'the request, pending' })
  @Post('extension-requests')
  requestExtension(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: ExtensionRequestDto) {
    return this.transitions.requestExtension(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('extension-requests/:rid/approve')
  @HttpCode(200)
  approve(@CurrentUser() c: Principal, @IdParam() id: string, @IdParam('rid') rid: string, @Body() b: DecisionDto) {
    return this.transitions.decideExtension(c, id, rid, true, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('extension-requests/:rid/reject')
  @HttpCode(200)
  reject(@CurrentUser() c: Principal, @IdParam() id: string, @IdParam('rid') rid: string, @Body() b: DecisionDto) {
    return this.transitions.decideExtension(c, id, rid, false, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('completion-request')
  @HttpCode(200)
  requestCompletion(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: CompletionRequestDto) {
    return this.transitions.requestCompletion(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('verify')
  @HttpCode(200)
  verify(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: VerifyDto) {
    return this.transitions.verify(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('return')
  @HttpCode(200)
  returnForRework(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: ReasonDto) {
    return this.transitions.returnForRework(c, id, b);
  }

  @ApiOkResponse({ type: ResolutionResponse, description: 'the updated resolution' })
  @Post('cancel')
  @HttpCode(200)
  cancel(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: ReasonDto) {
    return this.transitions.cancel(c, id, b);
  }

  /** 一键催办: notifies the owner at once and is recorded. */
  @ApiCreatedResponse({ type: UrgeResponse, description: 'the recorded urge' })
  @Post('urge')
  urge(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: UrgeDto) {
    return this.transitions.urge(c, id, b);
  }

  @ApiCreatedResponse({ type: CheckResponse, description: 'the recorded check' })
  @Post('checks')
  check(@CurrentUser() c: Principal, @IdParam() id: string, @Body() b: CheckDto) {
    return this.transitions.check(c, id, b);
  }
}
