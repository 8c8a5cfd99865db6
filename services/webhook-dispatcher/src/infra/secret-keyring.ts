import { readFileSync } from 'node:fs';
import { decryptAsDispatcher } from '@opencheckout/webhooks';

/**
 * Opens endpoint secrets with the dispatcher's private key. RSA decryption costs
 * about a millisecond, so opened secrets are kept in memory (never logged).
 */
export class SecretKeyring {
  private readonly privateKeyPem: string;
  private readonly opened = new Map<string, string>();

  /** `key`: PEM text, or the path of a PEM file. */
  /** The private key as PEM, as base64 of the PEM (environment variables carry newlines badly), or a file path. */
  constructor(key: string) {
    this.privateKeyPem = key.includes('-----BEGIN') ? key : (fromBase64Pem(key) ?? readFileSync(key, 'utf8'));
  }

  open(ciphertext: string): string {
    let secret = this.opened.get(ciphertext);
    if (secret === undefined) {
      secret = decryptAsDispatcher(this.privateKeyPem, ciphertext);
      if (this.opened.size > 10_000) this.opened.clear();
      this.opened.set(ciphertext, secret);
    }
    return secret;
  }
}

function fromBase64Pem(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value) || value.length < 64) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.includes('-----BEGIN') ? decoded : undefined;
}
