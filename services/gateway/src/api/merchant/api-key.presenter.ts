import type { ApiKeyView } from '@opencheckout/contracts';

export function presentApiKey(key: ApiKeyView): Record<string, unknown> {
  const expired = key.expiresAt !== '' && Date.parse(key.expiresAt) <= Date.now();
  return {
    id: key.keyId,
    object: 'api_key',
    name: key.name,
    livemode: key.livemode,
    prefix: key.keyPrefix,
    last4: key.last4,
    scopes: key.scopes,
    status: key.revokedAt !== '' ? 'revoked' : expired ? 'expired' : 'active',
    createdAt: key.createdAt,
    expiresAt: key.expiresAt || null,
    revokedAt: key.revokedAt || null,
    lastUsedAt: key.lastUsedAt || null,
  };
}
