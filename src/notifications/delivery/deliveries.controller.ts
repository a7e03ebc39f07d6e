import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, type Principal } from '../../common/principal';
import { IdParam } from '../../common/id-param';
import { ApiErrors, pageOf } from '../../common/openapi';
import { PageQuery } from '../../common/pagination';
import { ChannelTestResponse, DeliveryResponse } from './delivery.responses';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, type DeliveryChannel, type DeliveryStatus } from './delivery.entity';
import { DeliveriesService } from './deliveries.service';

class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  resolutionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  councilId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: DeliveryChannel;
}

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  /** Outward deliveries, newest first; the target is masked (no address in full, no robot token). */
  @ApiOkResponse({ type: pageOf(DeliveryResponse) })
  @ApiErrors(400, 403)
  @Get('deliveries')
  list(@CurrentUser() caller: Principal, @Query() query: DeliveryQuery) {
    return this.deliveries.list(caller, query);
  }

  /** Sends a failed delivery again (409 unless it is failed). */
  @ApiOkResponse({ type: DeliveryResponse, description: 'the delivery, pending again' })
  @ApiErrors(400, 404, 409)
  @Post('deliveries/:id/retry')
  @HttpCode(200)
  retry(@CurrentUser() caller: Principal, @IdParam() id: string) {
    return this.deliveries.retry(caller, id);
  }

  /** Sends a test message to the channel now and answers what the vendor said. */
  @ApiOkResponse({ type: ChannelTestResponse })
  @ApiErrors(400, 403, 404)
  @Post('councils/:id/channels/:channelId/test')
  @HttpCode(200)
  test(@CurrentUser() caller: Principal, @IdParam() councilId: string, @IdParam('channelId') channelId: string) {
    return this.deliveries.testChannel(caller, councilId, channelId);
  }
}
