import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../common/id-param';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin.guard';
import { CurrentUser, type Principal } from '../common/principal';
import { PageQuery } from '../common/pagination';
import { CreateOrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @AdminOnly()
  @Post()
  create(@CurrentUser() caller: Principal, @Body() body: CreateOrganizationDto) {
    return this.organizations.create(body, caller.id);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.organizations.list(query.limit, query.cursor);
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.organizations.get(id);
  }

  @AdminOnly()
  @Patch(':id')
  update(@CurrentUser() caller: Principal, @IdParam() id: string, @Body() body: UpdateOrganizationDto) {
    return this.organizations.update(id, body, caller.id);
  }
}
