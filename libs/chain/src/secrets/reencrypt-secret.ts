import { decryptSecret, secretKeyId } from './decrypt-secret.js';
import { encryptSecret } from './encrypt-secret.js';
import type { SecretKey } from './secret-key.js';

/** Re-seals a ciphertext under `current` when an older key sealed it; returns it unchanged otherwise. */
export function reencryptSecret(ciphertext: string, current: SecretKey, keys: readonly SecretKey[]): string {
  if (secretKeyId(ciphertext) === current.id) return ciphertext;
  return encryptSecret(decryptSecret(ciphertext, [current, ...keys]), current);
}
