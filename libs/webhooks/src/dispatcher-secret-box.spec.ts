import { describe, expect, it } from '@jest/globals';
import { DispatcherSecretError, decryptAsDispatcher, encryptForDispatcher, generateDispatcherKeyPair } from './dispatcher-secret-box.js';
import { generateWebhookSecret } from './webhook-secret.js';

describe('dispatcher secret box', () => {
  const dispatcher = generateDispatcherKeyPair(2048);
  const other = generateDispatcherKeyPair(2048);
  const secret = generateWebhookSecret();

  it('round-trips a secret through a versioned ciphertext that does not contain it', () => {
    const ciphertext = encryptForDispatcher(dispatcher.publicKeyPem, secret);
    expect(ciphertext).toMatch(new RegExp(`^ocs1\\.${dispatcher.keyId}\\.[A-Za-z0-9_-]+$`));
    expect(ciphertext).not.toContain(secret.slice(6));
    expect(decryptAsDispatcher(dispatcher.privateKeyPem, ciphertext)).toBe(secret);
  });

  it('is randomised: the same secret encrypts differently each time', () => {
    expect(encryptForDispatcher(dispatcher.publicKeyPem, secret)).not.toBe(encryptForDispatcher(dispatcher.publicKeyPem, secret));
  });

  it('refuses another key, an unknown version and a tampered ciphertext', () => {
    const ciphertext = encryptForDispatcher(dispatcher.publicKeyPem, secret);
    expect(() => decryptAsDispatcher(other.privateKeyPem, ciphertext)).toThrow(DispatcherSecretError);
    expect(() => decryptAsDispatcher(dispatcher.privateKeyPem, ciphertext.replace(/^ocs1/, 'ocs9'))).toThrow(DispatcherSecretError);
    // Same key id, ciphertext from the other key: OAEP must reject it, not yield garbage.
    const foreign = encryptForDispatcher(other.publicKeyPem, secret).split('.')[2];
    expect(() => decryptAsDispatcher(dispatcher.privateKeyPem, `ocs1.${dispatcher.keyId}.${foreign}`)).toThrow(DispatcherSecretError);
  });
});
