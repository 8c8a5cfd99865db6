/** What the watcher needs from one block, as plain data (the infra maps RPC answers onto it). */
export interface ChainBlock {
  chainId: number;
  number: bigint;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  /** Every transaction in the block; only value-carrying ones to a watched address matter. */
  transactions: readonly ChainTransaction[];
  /** ERC-20 `Transfer` logs of the configured tokens in this block. */
  logs: readonly ChainLog[];
}

export interface ChainTransaction {
  hash: string;
  from: string;
  /** null for contract creation. */
  to: string | null;
  value: bigint;
}

export interface ChainLog {
  address: string;
  topics: readonly string[];
  data: string;
  logIndex: number;
  transactionHash: string;
}

/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
