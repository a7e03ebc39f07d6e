import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../common/id-param';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin.guard';
import { ApiErrors, pageOf } from '../common/openapi';
import { CurrentUser, type Principal } from '../common/principal';
import { PageQuery } from '../common/pagination';
import { CreateOrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { OrganizationResponse } from './organization.responses';
import { OrganizationsService } from './organizations.service';

@ApiTags('directory')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiErrors(400, 403)
  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreateOrganizationDto) {
    return this.organizations.create(body, caller.id);
  }

  @ApiOkResponse({ type: pageOf(OrganizationResponse) })
  @ApiErrors(400)
  @Get()
  list(@Query() query: PageQuery) {
    return this.organizations.list(query.limit, query.cursor);
  }

  @ApiOkResponse({ type: OrganizationResponse })
  @ApiErrors(400, 404)
  @Get(':id')
  get(@IdParam() id: string) {
    return this.organizations.get(id);
  }

  @ApiOkResponse({ type: OrganizationResponse })
  @ApiErrors(400, 403, 404)
  @AdminOnly()
  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdateOrganizationDto) {
    return this.organizations.update(id, body, caller.id);
  }
}
