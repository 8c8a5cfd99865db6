import { AppError } from '@opencheckout/errors';
import { constants, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';

/**
 * Endpoint secrets are stored encrypted to the dispatcher's RSA public key
 * (RSA-OAEP with SHA-256), so only the dispatcher, which holds the private key,
 * can read them. Format: `ocs1.<key id>.<base64url ciphertext>`; the key id (first
 * 8 bytes of SHA-256 of the public key's DER, hex) tells which key to use after a
 * key rotation.
 */
const VERSION = 'ocs1';

export interface DispatcherKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
  keyId: string;
}

/** The key id of a public or private key (PEM). */
export function dispatcherKeyId(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A fresh keypair for development and tests; production keys come from the secret store. */
export function generateDispatcherKeyPair(modulusLength = 3072): DispatcherKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey, keyId: dispatcherKeyId(publicKey) };
}

export function encryptForDispatcher(publicKeyPem: string, secret: string): string {
  const ciphertext = publicEncrypt(
    { key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(secret, 'utf8'),
  );
  return `${VERSION}.${dispatcherKeyId(publicKeyPem)}.${ciphertext.toString('base64url')}`;
}

/** A stored secret the dispatcher cannot read: wrong key, unknown format or corrupt ciphertext. */
export class DispatcherSecretError extends AppError {
  override readonly name = 'DispatcherSecretError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('api_error', 'webhook_secret_unreadable', 500, message, options);
  }
}

export function decryptAsDispatcher(privateKeyPem: string, ciphertext: string): string {
  const parts = ciphertext.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw new DispatcherSecretError('Unknown secret ciphertext format.');
  const key = createPrivateKey(privateKeyPem);
  if (parts[1] !== dispatcherKeyId(privateKeyPem)) {
    throw new DispatcherSecretError(`Secret was encrypted to dispatcher key ${parts[1]}, not this one.`);
  }
  try {
    return privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(parts[2]!, 'base64url'),
    ).toString('utf8');
  } catch (cause) {
    throw new DispatcherSecretError('Secret ciphertext could not be decrypted.', { cause });
  }
}
