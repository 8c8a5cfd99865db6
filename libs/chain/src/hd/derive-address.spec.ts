import { describe, expect, it } from '@jest/globals';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex } from 'viem';
import { ValidationError } from '@opencheckout/errors';
import { deriveAddress } from './derive-address.js';
import { validateXpub } from './validate-xpub.js';
import { xpubFromMnemonic } from './xpub-from-mnemonic.js';

const MNEMONIC = 'test test test test test test test test test test test junk';
// anvil's default accounts: m/44'/60'/0'/0/i of the mnemonic above.
const ANVIL_ACCOUNTS = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
];

describe('HD derivation (watch-only)', () => {
  it('derives anvil default accounts from the xpub alone', async () => {
    const xpub = await xpubFromMnemonic(MNEMONIC);
    expect(xpub.startsWith('xpub')).toBe(true);
    ANVIL_ACCOUNTS.forEach((address, i) => expect(deriveAddress(xpub, i)).toBe(address));
  });

  it('equals private derivation at m/44\'/60\'/0\'/0/i for many indexes', async () => {
    const xpub = await xpubFromMnemonic(MNEMONIC);
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
    for (const i of [0, 7, 99, 1000, 2 ** 31 - 1]) {
      const privateKey = root.derive(`m/44'/60'/0'/0/${i}`).privateKey!;
      expect(deriveAddress(xpub, i)).toBe(privateKeyToAccount(bytesToHex(privateKey)).address);
    }
  });

  it('gives different xpubs for other accounts and passphrases', async () => {
    const base = await xpubFromMnemonic(MNEMONIC);
    const account1 = await xpubFromMnemonic(MNEMONIC, '', 1);
    const withPassphrase = await xpubFromMnemonic(MNEMONIC, 'secret');
    expect(new Set([base, account1, withPassphrase]).size).toBe(3);
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
    const expected = privateKeyToAccount(bytesToHex(root.derive("m/44'/60'/1'/0/3").privateKey!)).address;
    expect(deriveAddress(account1, 3)).toBe(expected);
  });

  it('accepts a mnemonic with odd spacing and case', async () => {
    expect(await xpubFromMnemonic(`  ${MNEMONIC.toUpperCase().replaceAll(' ', '   ')}\n`)).toBe(await xpubFromMnemonic(MNEMONIC));
  });

  it('rejects an invalid mnemonic without echoing it', async () => {
    const bad = 'test test test test test test test test test test test test';
    const error = await xpubFromMnemonic(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('mnemonic_invalid');
    expect((error as ValidationError).message).not.toContain('test test');
  });

  it('rejects garbage, private keys and bad indexes with typed errors', async () => {
    const xpub = await xpubFromMnemonic(MNEMONIC);
    expect(() => validateXpub('xpub123')).toThrow(ValidationError);
    expect(() => validateXpub('')).toThrow(ValidationError);
    expect(() => validateXpub(xpub.slice(0, -1) + (xpub.endsWith('A') ? 'B' : 'A'))).toThrow(ValidationError);
    const xprv = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive("m/44'/60'/0'").privateExtendedKey;
    expect(() => validateXpub(xprv)).toThrow(expect.objectContaining({ code: 'xpub_is_private' }));
    expect(() => deriveAddress(xpub, -1)).toThrow(ValidationError);
    expect(() => deriveAddress(xpub, 2 ** 31)).toThrow(ValidationError);
    expect(() => deriveAddress(xpub, 1.5)).toThrow(ValidationError);
  });
});
