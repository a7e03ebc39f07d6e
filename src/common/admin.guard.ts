import { CanActivate, ExecutionContext, Injectable, UseGuards, applyDecorators } from '@nestjs/common';
import { forbidden } from './domain-error';
import type { Principal } from './principal';

@Injectable()
class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!principal?.isAdmin) throw forbidden('ADMIN_ONLY', 'only an administrator may do this');
    return true;
  }
}

/** Restricts a route to administrators (403 for everyone else). */
export const AdminOnly = () => applyDecorators(UseGuards(AdminGuard));
