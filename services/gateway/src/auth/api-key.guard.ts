import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationError, PermissionError } from '@opencheckout/errors';
import { GATEWAY_APP, type GatewayApp } from '../gateway-app.js';
import type { AuthenticatedRequest } from './merchant-context.js';
import { RateLimiter } from './rate-limiter.js';

export type Resource = 'checkout_sessions' | 'api_keys' | 'webhooks' | 'wallets' | 'analytics' | 'events';
export type Access = 'read' | 'write';

const SCOPE = Symbol('scope');
/** The scope an endpoint needs: `checkout_sessions:write`, … A key with `<resource>:write` may also read. */
export const RequireScope = (resource: Resource, access: Access) => SetMetadata(SCOPE, { resource, access });

/** Reads the key from `Authorization: Bearer sk_…` (or Basic with the key as user name, as Stripe allows). */
export function presentedKey(request: AuthenticatedRequest): string | null {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const [scheme, credential] = value.split(' ', 2);
  if (!credential) return null;
  if (scheme?.toLowerCase() === 'bearer') return credential.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    return decoded.split(':', 1)[0] ?? null;
  }
  return null;
}

/** API key authentication, scopes and the per-key rate limit, for every merchant route. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    @Inject(GATEWAY_APP) private readonly app: GatewayApp,
    private readonly reflector: Reflector,
  ) {
    this.limiter = new RateLimiter(app.config.RATE_LIMIT_PER_SECOND);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = presentedKey(request);
    if (key === null) {
      throw new AuthenticationError(
        'You did not provide an API key. Send it as a Bearer token: Authorization: Bearer sk_test_…',
        { code: 'api_key_missing' },
      );
    }
    const found = this.app.keys.lookup(key, Date.now());
    if (!found.ok) {
      const message =
        found.reason === 'revoked'
          ? 'This API key has been revoked.'
          : found.reason === 'expired'
            ? 'This API key has expired.'
            : 'Invalid API key provided.';
      throw new AuthenticationError(message, { code: found.reason === 'unknown' ? 'api_key_invalid' : `api_key_${found.reason}` });
    }
    await this.limiter.take(found.principal.keyId);
    const scope = this.reflector.get<{ resource: Resource; access: Access }>(SCOPE, context.getHandler());
    if (scope !== undefined && !allows(found.principal.scopes, scope.resource, scope.access)) {
      throw new PermissionError(`This API key lacks the ${scope.resource}:${scope.access} scope.`);
    }
    request.principal = found.principal;
    this.app.noteKeyUse(found.principal.merchantId, found.principal.keyId);
    return true;
  }
}

/** Empty scopes mean full access (keys made before scopes existed, and the default). */
export function allows(scopes: string[], resource: Resource, access: Access): boolean {
  if (scopes.length === 0) return true;
  return scopes.includes(`${resource}:write`) || (access === 'read' && scopes.includes(`${resource}:read`));
}
