import { ValidationError } from '@opencheckout/errors';

/** A 32-byte AES-256 key with the id written into every ciphertext it makes, so keys can rotate. */
export interface SecretKey {
  id: string;
  key: Uint8Array;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function assertSecretKey(key: SecretKey): void {
  if (!KEY_ID.test(key.id)) {
    throw new ValidationError('Secret key id must be 1-32 characters of [A-Za-z0-9_-].', { code: 'secret_key_invalid' });
  }
  if (!(key.key instanceof Uint8Array) || key.key.length !== 32) {
    throw new ValidationError(`Secret key '${key.id}' must be exactly 32 bytes.`, { code: 'secret_key_invalid' });
  }
}

/**
 * Reads a key from config: 64 hex characters or base64/base64url of 32 bytes.
 * The error never includes the value.
 */
export function parseSecretKey(id: string, encoded: string): SecretKey {
  const value = encoded.trim();
  let bytes: Buffer;
  if (/^[0-9a-fA-F]{64}$/.test(value)) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) bytes = Buffer.from(value, 'base64url');
  else throw new ValidationError(`Secret key '${id}' must be 32 bytes as hex or base64.`, { code: 'secret_key_invalid' });
  const key = { id, key: new Uint8Array(bytes) };
  assertSecretKey(key);
  return key;
}
