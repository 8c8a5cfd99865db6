import { HDKey } from '@scure/bip32';
import { ValidationError } from '@opencheckout/errors';

export type ValidateXpubParameters = string;
export type ValidateXpubReturnType = HDKey;

/**
 * Parses an account-level extended public key (`xpub…` at m/44'/60'/account').
 * Rejects private keys on purpose: the platform is watch-only and must never
 * store a key that can spend.
 */
export function validateXpub(xpub: ValidateXpubParameters, param = 'xpub'): ValidateXpubReturnType {
  if (typeof xpub !== 'string' || xpub.trim() === '') {
    throw new ValidationError('An extended public key is required.', { param, code: 'xpub_invalid' });
  }
  const value = xpub.trim();
  if (value.startsWith('xprv') || value.startsWith('tprv')) {
    throw new ValidationError('Provide an extended public key (xpub), never a private key.', {
      param,
      code: 'xpub_is_private',
    });
  }
  let key: HDKey;
  try {
    key = HDKey.fromExtendedKey(value);
  } catch (cause) {
    throw new ValidationError('The extended public key is not valid.', { param, code: 'xpub_invalid', cause });
  }
  if (key.privateKey) {
    throw new ValidationError('Provide an extended public key (xpub), never a private key.', {
      param,
      code: 'xpub_is_private',
    });
  }
  if (!key.publicKey) {
    throw new ValidationError('The extended public key is not valid.', { param, code: 'xpub_invalid' });
  }
  return key;
}
