import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin.guard';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Recomputes the directory chain (people, organisations, admin grants, calendar overrides…); names the first broken link. */
  @AdminOnly()
  @Get('directory/verify')
  verifyDirectory() {
    return this.audit.verify(null);
  }
}
