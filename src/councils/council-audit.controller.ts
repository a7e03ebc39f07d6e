import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, hasCouncilRole, type Principal } from '../common/principal';
import { forbidden } from '../common/domain-error';
import { IdParam } from '../common/id-param';
import { ApiErrors } from '../common/openapi';
import { ChainVerdictResponse } from '../audit/audit.responses';
import { CouncilsService } from './councils.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('councils/:id/audit')
export class CouncilAuditController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly audit: AuditService,
  ) {}

  /** Recomputes the council's event hash chain; names the first event whose link is broken. */
  @ApiOkResponse({ type: ChainVerdictResponse })
  @ApiErrors(400, 401, 403, 404)
  @Get('verify')
  async verify(@CurrentUser() caller: Principal, @IdParam() id: string) {
    await this.councils.get(caller, id);
    if (!caller.isAdmin && !hasCouncilRole(caller, id, 'supervisor', 'chair'))
      throw forbidden('AUDIT_FORBIDDEN', 'only supervisors, the chair or an administrator may verify the audit chain');
    return this.audit.verify(id);
  }
}
