import type { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { publicKeyToAddress } from 'viem/accounts';
import { bytesToHex, type Address } from 'viem';
import { ValidationError } from '@opencheckout/errors';
import { validateXpub } from './validate-xpub.js';

/** BIP32 non-hardened indexes: 0 … 2^31-1. */
export const MAX_ADDRESS_INDEX = 0x7fffffff;

/**
 * The receive address at `xpub/0/index` (external chain), as BIP44 wallets
 * derive it: equal to the private derivation at m/44'/60'/account'/0/index.
 */
export function deriveAddress(xpub: string | HDKey, index: number): Address {
  const account = typeof xpub === 'string' ? validateXpub(xpub) : xpub;
  return receiveAddressAt(account.deriveChild(0), index);
}

/**
 * The address at `index` of an already derived external chain (`xpub/0`):
 * callers deriving many addresses of one wallet keep that node and skip a
 * point multiplication per address.
 */
export function receiveAddressAt(externalChain: HDKey, index: number): Address {
  if (!Number.isInteger(index) || index < 0 || index > MAX_ADDRESS_INDEX) {
    throw new ValidationError('Address index must be an integer from 0 to 2^31-1.', {
      param: 'index',
      code: 'address_index_invalid',
    });
  }
  const child = externalChain.deriveChild(index);
  // bip32 keys are compressed; an Ethereum address hashes the uncompressed point.
  const uncompressed = secp256k1.Point.fromBytes(child.publicKey!).toBytes(false);
  return publicKeyToAddress(bytesToHex(uncompressed));
}
