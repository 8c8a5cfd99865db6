import { describe, expect, it } from '@jest/globals';
import { encryptForDispatcher, generateDispatcherKeyPair } from '@opencheckout/webhooks';
import { SecretKeyring } from './secret-keyring.js';

describe('SecretKeyring', () => {
  const { publicKeyPem: publicKey, privateKeyPem: privateKey } = generateDispatcherKeyPair(2048);
  const sealed = encryptForDispatcher(publicKey, 'whsec_c2VjcmV0');

  it('opens secrets with the private key given as PEM or as base64 of the PEM', () => {
    expect(new SecretKeyring(privateKey).open(sealed)).toBe('whsec_c2VjcmV0');
    expect(new SecretKeyring(Buffer.from(privateKey).toString('base64')).open(sealed)).toBe('whsec_c2VjcmV0');
  });
});
