/** A payment seen on chain to a watched address. Amounts are atomic units of `asset`. */
export interface ObservedTransfer {
  /**
   * Stable across re-inclusion: `<chainId>:<txHash>:<logIndex|native>`. A reorg
   * can revert a transfer and the same id can be detected again in another
   * block, so (id, blockHash) names one observation.
   */
  id: string;
  chainId: number;
  blockNumber: bigint;
  blockHash: string;
  txHash: string;
  /** null for a native transfer. */
  logIndex: number | null;
  /** Lowercase hex. */
  from: string;
  /** Lowercase hex: the watched address. */
  to: string;
  /** Asset code from config ("ETH", "USDC"). */
  asset: string;
  /** Lowercase token contract, null for the native coin. */
  tokenAddress: string | null;
  amount: bigint;
  /** The block's own time, unix seconds (set by the follower). */
  blockTimestamp?: number;
  /**
   * Depth at which this transfer counts as confirmed, when it differs per
   * transfer (per session); the chain's default otherwise.
   */
  requiredConfirmations?: number;
}

export function transferId(chainId: number, txHash: string, logIndex: number | null): string {
  return `${chainId}:${txHash.toLowerCase()}:${logIndex === null ? 'native' : logIndex}`;
}
