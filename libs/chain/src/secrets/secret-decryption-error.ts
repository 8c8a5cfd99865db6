import { AppError } from '@opencheckout/errors';

/**
 * A stored ciphertext failed authentication, is malformed, or names a key we do
 * not hold. A fault of ours (500), never the caller's; the message stays generic.
 */
export class SecretDecryptionError extends AppError {
  override readonly name = 'SecretDecryptionError';
  constructor(reason: 'malformed' | 'unknown_key' | 'authentication_failed', options: { cause?: unknown } = {}) {
    super('api_error', `secret_${reason}`, 500, 'A stored secret could not be decrypted.', options);
  }
}
