import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, type Principal } from '../common/principal';
import { IdParam } from '../common/id-param';
import { ApiErrors, pageOf } from '../common/openapi';
import { PageQuery } from '../common/pagination';
import { NotificationResponse } from './notification.responses';
import { NotificationsService } from './notifications.service';

class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';
}

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's inbox, newest first. */
  @ApiOkResponse({ type: pageOf(NotificationResponse) })
  @ApiErrors(400)
  @Get()
  inbox(@CurrentUser() caller: Principal, @Query() query: InboxQuery) {
    return this.notifications.inbox(caller, query.unread === 'true', query.limit, query.cursor);
  }

  @ApiOkResponse({ type: NotificationResponse, description: 'the notification, read' })
  @ApiErrors(400, 404)
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.notifications.markRead(caller, id);
  }
}
