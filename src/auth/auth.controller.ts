import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PeopleService } from '../people/people.service';
import { ApiErrors } from '../common/openapi';
import { MeResponse } from '../people/person.responses';
import { LoginDto } from './auth.dto';
import { LoginResponse } from './auth.responses';
import { AuthService } from './auth.service';
import { CurrentUser, Public, type Principal } from '../common/principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly people: PeopleService,
  ) {}

  /**
   * Exchanges a username and password for a bearer token. Failed attempts are limited per username
   * and per client address (429 with Retry-After until the window ends, even for the right password).
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(body.username, body.password, request.ip);
  }

  /** Ends the caller's session: every token issued to them so far stops working (204). */
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'the session ended' })
  @ApiErrors(401)
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal.id);
  }

  /** The caller, with their roles in each council. */
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeResponse })
  @ApiErrors(401)
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
