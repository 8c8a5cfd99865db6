import { PermissionError, ValidationError } from '@opencheckout/errors';

/** The resources a key's scopes name; each is granted for `read` or `write` (write includes read). */
export const SCOPE_RESOURCES = ['checkout_sessions', 'api_keys', 'webhooks', 'wallets', 'analytics'] as const;
export type ScopeResource = (typeof SCOPE_RESOURCES)[number];
export type ScopeAction = 'read' | 'write';
export type Scope = `${ScopeResource}:${ScopeAction}`;

/** Every scope: what a key gets when none are asked for. */
export const FULL_SCOPES: readonly Scope[] = SCOPE_RESOURCES.flatMap((resource) => [
  `${resource}:read` as Scope,
  `${resource}:write` as Scope,
]);

const known = new Set<string>(FULL_SCOPES);

/**
 * The scopes a new key holds: the full set when none are given; otherwise the
 * ones given, each `write` bringing its `read`, in catalogue order, so a
 * holder checks a scope by plain membership.
 */
export function normalizeScopes(requested: readonly string[]): Scope[] {
  if (requested.length === 0) return [...FULL_SCOPES];
  const wanted = new Set<string>();
  requested.forEach((scope, index) => {
    const value = scope.trim();
    if (!known.has(value)) {
      throw new ValidationError(`Unknown scope '${value.slice(0, 64)}'; use <resource>:read or <resource>:write.`, {
        param: `scopes[${index}]`,
        code: 'scope_invalid',
      });
    }
    wanted.add(value);
    if (value.endsWith(':write')) wanted.add(value.replace(/:write$/, ':read'));
  });
  return FULL_SCOPES.filter((scope) => wanted.has(scope));
}

/** A caller with scopes (a key) may hand out only what it holds; no scopes means an operator or internal call. */
export function assertScopesWithin(granted: readonly string[], caller: readonly string[]): void {
  if (caller.length === 0) return;
  const held = new Set(caller);
  const missing = granted.filter((scope) => !held.has(scope));
  if (missing.length > 0) {
    throw new PermissionError(`A key cannot grant scopes it does not hold: ${missing.join(', ')}.`, {
      param: 'scopes',
      code: 'scope_escalation',
    });
  }
}

/** Refuses a caller whose key lacks the scope; operator and internal calls carry no scopes and pass. */
export function requireScope(callerScopes: readonly string[], scope: Scope): void {
  if (callerScopes.length === 0 || callerScopes.includes(scope)) return;
  throw new PermissionError(`This API key lacks the '${scope}' scope.`, { code: 'insufficient_scope' });
}
