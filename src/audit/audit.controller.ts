import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin.guard';
import { ApiErrors } from '../common/openapi';
import { ChainVerdictResponse } from './audit.responses';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Recomputes the directory chain (people, organisations, admin grants, calendar overrides…); names the first broken link. */
  @ApiOkResponse({ type: ChainVerdictResponse })
  @ApiErrors(401, 403)
  @AdminOnly()
  @Get('directory/verify')
  verifyDirectory() {
    return this.audit.verify(null);
  }
}
