import { randomBytes } from 'node:crypto';
import { WebhookVerificationError } from './webhook-verification-error.js';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks convention). */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The HMAC key bytes of a secret, shared by both signature schemes: strip the
 * optional `whsec_` prefix and base64-decode the rest. This is exactly what the
 * `standardwebhooks` package does, so `v1=` (hex) and `webhook-signature`
 * (base64) are keyed by the same 32 bytes.
 */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  if (encoded.length === 0 || encoded.length % 4 !== 0 || !base64Pattern.test(encoded)) {
    throw new WebhookVerificationError('invalid_secret');
  }
  return Buffer.from(encoded, 'base64');
}
