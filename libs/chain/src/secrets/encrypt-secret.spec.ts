import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ValidationError } from '@opencheckout/errors';
import { decryptSecret, secretKeyId } from './decrypt-secret.js';
import { encryptSecret } from './encrypt-secret.js';
import { reencryptSecret } from './reencrypt-secret.js';
import { SecretDecryptionError } from './secret-decryption-error.js';
import { parseSecretKey, type SecretKey } from './secret-key.js';

const key = (id: string): SecretKey => ({ id, key: new Uint8Array(randomBytes(32)) });
const PHRASE = 'test test test test test test test test test test test junk';

/** Flips one character of a base64url part to another valid one. */
function flip(ciphertext: string, part: number): string {
  const parts = ciphertext.split('.');
  const s = parts[part]!;
  const c = s[2] === 'A' ? 'B' : 'A';
  parts[part] = s.slice(0, 2) + c + s.slice(3);
  return parts.join('.');
}

describe('encryptSecret / decryptSecret', () => {
  const k1 = key('k1');

  it('round-trips and never repeats a ciphertext', () => {
    const a = encryptSecret(PHRASE, k1);
    const b = encryptSecret(PHRASE, k1);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('test');
    expect(decryptSecret(a, [k1])).toBe(PHRASE);
    expect(decryptSecret(encryptSecret('', k1), [k1])).toBe('');
    expect(decryptSecret(encryptSecret('ünïcødé 🔑', k1), [k1])).toBe('ünïcødé 🔑');
  });

  it('detects tampering of iv, tag or body', () => {
    const sealed = encryptSecret(PHRASE, k1);
    for (const part of [2, 3, 4]) {
      const error = (() => {
        try {
          decryptSecret(flip(sealed, part), [k1]);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(SecretDecryptionError);
      expect((error as SecretDecryptionError).code).toBe('secret_authentication_failed');
      expect((error as SecretDecryptionError).message).not.toContain(PHRASE);
    }
  });

  it('binds the key id: relabelling to another held key fails', () => {
    const k2 = { id: 'k2', key: k1.key };
    const relabelled = encryptSecret(PHRASE, k1).replace('v1.k1.', 'v1.k2.');
    expect(() => decryptSecret(relabelled, [k1, k2])).toThrow(SecretDecryptionError);
  });

  it('refuses malformed input and unknown keys', () => {
    expect(() => decryptSecret('nope', [k1])).toThrow(expect.objectContaining({ code: 'secret_malformed' }));
    expect(() => decryptSecret('v2.k1.a.b.c', [k1])).toThrow(expect.objectContaining({ code: 'secret_malformed' }));
    expect(() => decryptSecret(encryptSecret(PHRASE, k1), [key('k9')])).toThrow(expect.objectContaining({ code: 'secret_unknown_key' }));
    expect(() => decryptSecret(encryptSecret(PHRASE, k1), [{ id: 'k1', key: randomBytes(32) }])).toThrow(SecretDecryptionError);
  });

  it('rotates: old ciphertexts open with the key ring and re-seal under the current key', () => {
    const k2 = key('k2');
    const old = encryptSecret(PHRASE, k1);
    const rotated = reencryptSecret(old, k2, [k1]);
    expect(secretKeyId(rotated)).toBe('k2');
    expect(decryptSecret(rotated, [k2])).toBe(PHRASE);
    expect(reencryptSecret(rotated, k2, [k1])).toBe(rotated);
  });

  it('parses keys from config and rejects bad ones without echoing them', () => {
    const raw = randomBytes(32);
    expect(Buffer.from(parseSecretKey('a', raw.toString('hex')).key)).toEqual(raw);
    expect(Buffer.from(parseSecretKey('a', raw.toString('base64')).key)).toEqual(raw);
    expect(Buffer.from(parseSecretKey('a', raw.toString('base64url')).key)).toEqual(raw);
    const short = randomBytes(16).toString('hex');
    const error = (() => {
      try {
        parseSecretKey('a', short);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.message).not.toContain(short);
    expect(() => encryptSecret('x', { id: 'bad id', key: randomBytes(32) })).toThrow(ValidationError);
    expect(() => encryptSecret('x', { id: 'k', key: randomBytes(31) })).toThrow(ValidationError);
  });
});
