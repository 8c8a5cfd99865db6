import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@opencheckout/errors';
import { GATEWAY_APP, type GatewayApp } from '../gateway-app.js';
import { presentedKey } from './api-key.guard.js';
import type { AuthenticatedRequest } from './merchant-context.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The instance operator's token (OPENCHECKOUT_ADMIN_TOKEN), compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = presentedKey(context.switchToHttp().getRequest<AuthenticatedRequest>());
    if (presented === null || !timingSafeEqual(digest(presented), digest(this.app.config.OPENCHECKOUT_ADMIN_TOKEN))) {
      throw new AuthenticationError('Invalid operator token.', { code: 'admin_token_invalid' });
    }
    return true;
  }
}
