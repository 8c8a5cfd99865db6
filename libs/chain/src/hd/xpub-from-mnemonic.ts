import { HDKey } from '@scure/bip32';
import { mnemonicToSeed, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { ValidationError } from '@opencheckout/errors';

/** Normalises spacing and case the way wallets accept a typed phrase. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.trim().toLowerCase().split(/\s+/).join(' ');
}

/**
 * The account-level xpub at m/44'/60'/account' of a BIP39 mnemonic. Only the
 * xpub is needed to derive receive addresses; the mnemonic itself is stored
 * encrypted (see encryptSecret) or not at all.
 */
export async function xpubFromMnemonic(mnemonic: string, passphrase = '', account = 0): Promise<string> {
  const phrase = normalizeMnemonic(mnemonic);
  if (!validateMnemonic(phrase, wordlist)) {
    // The phrase is a secret: never echo it back.
    throw new ValidationError('The recovery phrase is not a valid BIP39 mnemonic.', {
      param: 'mnemonic',
      code: 'mnemonic_invalid',
    });
  }
  if (!Number.isInteger(account) || account < 0 || account > 0x7fffffff) {
    throw new ValidationError('Account must be an integer from 0 to 2^31-1.', {
      param: 'account',
      code: 'account_invalid',
    });
  }
  const seed = await mnemonicToSeed(phrase, passphrase);
  const root = HDKey.fromMasterSeed(seed);
  try {
    return root.derive(`m/44'/60'/${account}'`).publicExtendedKey;
  } finally {
    seed.fill(0);
    root.wipePrivateData();
  }
}
