// EIP-681 payment request URIs, which wallets read from the QR code.

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UINT = /^\d+$/;

export interface PaymentUriParameters {
  /** Where the buyer pays. */
  address: string;
  chainId: number;
  /** Amount in atomic units (wei, or the token's smallest unit). */
  atomic: string;
  /** ERC-20 contract; null or absent for the chain's native coin. */
  tokenAddress?: string | null;
}

export function buildPaymentUri({ address, chainId, atomic, tokenAddress }: PaymentUriParameters): string {
  if (!ADDRESS.test(address)) throw new RangeError('Invalid payment address');
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new RangeError('Invalid chain id');
  if (!UINT.test(atomic)) throw new RangeError('Amount must be a non-negative integer in atomic units');
  const amount = BigInt(atomic).toString();
  if (tokenAddress) {
    if (!ADDRESS.test(tokenAddress)) throw new RangeError('Invalid token address');
    return `ethereum:${tokenAddress}@${chainId}/transfer?address=${address}&uint256=${amount}`;
  }
  return `ethereum:${address}@${chainId}?value=${amount}`;
}
