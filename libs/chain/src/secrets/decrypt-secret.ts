import { createDecipheriv } from 'node:crypto';
import { SECRET_FORMAT_VERSION } from './encrypt-secret.js';
import { SecretDecryptionError } from './secret-decryption-error.js';
import type { SecretKey } from './secret-key.js';

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Which key id sealed a ciphertext: lets a rotation job find what to re-encrypt. */
export function secretKeyId(ciphertext: string): string {
  const parts = ciphertext.split('.');
  if (parts.length !== 5 || parts[0] !== SECRET_FORMAT_VERSION) throw new SecretDecryptionError('malformed');
  return parts[1]!;
}

/** Opens a ciphertext from encryptSecret with whichever of `keys` sealed it. */
export function decryptSecret(ciphertext: string, keys: readonly SecretKey[]): string {
  const parts = ciphertext.split('.');
  if (parts.length !== 5 || parts[0] !== SECRET_FORMAT_VERSION || !parts.slice(2).every((p) => B64URL.test(p))) {
    throw new SecretDecryptionError('malformed');
  }
  const [version, keyId, ivText, tagText, bodyText] = parts as [string, string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new SecretDecryptionError('unknown_key');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) throw new SecretDecryptionError('malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(`${version}.${keyId}`, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new SecretDecryptionError('authentication_failed', { cause });
  }
}

