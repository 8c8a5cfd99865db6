/** Keys whose values never reach a log line, whatever object they sit in. */
export const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'apiKey',
  'api_key',
  'secret',
  'secretKey',
  'secret_key',
  'signingSecret',
  'webhookSecret',
  'password',
  'mnemonic',
  'privateKey',
  'private_key',
  'xpriv',
  'seed',
  'token',
  'accessToken',
  'adminToken',
  'encryptionKey',
] as const;

/**
 * pino redaction paths: each secret key at the top level and nested up to
 * three objects deep (pino's wildcards match one level each), plus the HTTP
 * header forms.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  'req.headers["x-api-key"]',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'req.headers["idempotency-key"]',
];
