import { createCipheriv, randomBytes } from 'node:crypto';
import { assertSecretKey, type SecretKey } from './secret-key.js';

export const SECRET_FORMAT_VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit IV. Output: `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url parts). The version and key id are bound as associated data, so
 * relabelling a ciphertext with another key id fails authentication.
 */
export function encryptSecret(plaintext: string, key: SecretKey): string {
  assertSecretKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(`${SECRET_FORMAT_VERSION}.${key.id}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [SECRET_FORMAT_VERSION, key.id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}
