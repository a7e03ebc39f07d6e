import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PeopleService } from '../people/people.service';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser, Public, type Principal } from '../common/principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly people: PeopleService,
  ) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  /** The caller, with their roles in each council. */
  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() principal: Principal) {
    const person = await this.people.get(principal, principal.id);
    return {
      ...person,
      ledOrganizationIds: principal.ledOrganizationIds,
      councilRoles: [...principal.councilRoles].map(([councilId, roles]) => ({ councilId, roles: [...roles] })),
    };
  }
}
