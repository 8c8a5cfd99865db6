import { arrayOf, boolean, closedObject, constant, dateTime, nullable, string, type JsonSchema } from '../json-schema.js';

const apiKeyProperties = {
  id: string(),
  object: constant('api_key'),
  name: string(),
  livemode: boolean(),
  prefix: string({ description: 'The visible start of the key, e.g. sk_test_.' }),
  last4: string(),
  scopes: arrayOf(string(), { description: 'Empty: full access.' }),
  status: { type: 'string', enum: ['active', 'revoked', 'expired'] },
  createdAt: dateTime(),
  expiresAt: nullable(dateTime()),
  revokedAt: nullable(dateTime()),
  lastUsedAt: { ...nullable(dateTime()), description: 'When the gateway last accepted it (to the minute); null when never.' },
};

/** Mirrors presentApiKey (merchant/api-key.presenter.ts); the secret appears in the create answer only. */
export const apiKeySchemas: Record<string, JsonSchema> = {
  ApiKey: closedObject(apiKeyProperties),
  ApiKeyWithSecret: closedObject(
    { ...apiKeyProperties, secret: string({ pattern: '^sk_(test|live)_', description: 'The full key. Shown once: store it now.' }) },
    { description: 'A new key: the only answer that carries the full secret.' },
  ),
};
