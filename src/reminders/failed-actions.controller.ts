import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { AdminOnly } from '../common/admin.guard';
import { ApiErrors, pageOf } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { FailedActionsService } from './failed-actions.service';
import { FailedActionResponse, RetryActionsResponse } from './reminder.responses';

class ScheduledActionsQuery extends PageQuery {
  /** Only `failed` is listed: the actions set aside because their council could not be handled. */
  @ApiPropertyOptional({ enum: ['failed'], default: 'failed' })
  @IsOptional()
  @IsIn(['failed'], { message: 'status must be failed' })
  status?: 'failed';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'councilId must be a UUID' })
  councilId?: string;
}

class RetryActionsDto {
  /** Every failed action of this council. */
  @IsOptional()
  @IsUUID('all', { message: 'councilId must be a UUID' })
  councilId?: string;

  /** These failed actions (either this or councilId). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'each value in ids must be a UUID' })
  ids?: string[];
}

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@AdminOnly()
@Controller('admin/scheduled-actions')
export class FailedActionsController {
  constructor(private readonly failed: FailedActionsService) {}

  /** Reminders and escalations set aside as `failed` (with `lastError`), oldest first. */
  @ApiOkResponse({ type: pageOf(FailedActionResponse) })
  @Get()
  list(@Query() query: ScheduledActionsQuery) {
    return this.failed.list(query.councilId, query.limit, query.cursor);
  }

  /** Puts failed actions back to pending, to be carried out at once: `{ councilId }` or `{ ids }`. */
  @ApiOkResponse({ type: RetryActionsResponse })
  @Post('retry')
  @HttpCode(200)
  retry(@Body() body: RetryActionsDto) {
    return this.failed.retry(body);
  }
}
