import { TRANSFER_TOPIC, type ChainBlock } from './chain-block.js';
import { transferId, type ObservedTransfer } from './observed-transfer.js';
import type { WatchedAddresses } from './watched-addresses.js';

export interface BlockProcessorOptions {
  /** Asset code of the chain's native coin ("ETH"). */
  nativeAsset: string;
  /** Lowercase token contract address → asset code. Logs of other contracts are ignored. */
  tokens: ReadonlyMap<string, string>;
}

/** Topic of an indexed address: 12 zero bytes then the address. */
function topicToAddress(topic: string | undefined): string | null {
  if (topic === undefined || topic.length !== 66 || !/^0x0{24}/i.test(topic)) return null;
  return `0x${topic.slice(26).toLowerCase()}`;
}

/**
 * The transfers to watched addresses in one block: native value transfers and
 * ERC-20 Transfer logs of configured tokens. One set lookup per transaction and
 * per log, so the cost does not grow with the number of watched addresses.
 *
 * Only top-level native transfers are seen (value moved by a contract's
 * internal call is not); payments to a derived EOA are top-level by nature.
 */
export function processBlock(block: ChainBlock, watched: WatchedAddresses, options: BlockProcessorOptions): ObservedTransfer[] {
  const found: ObservedTransfer[] = [];
  for (const tx of block.transactions) {
    if (tx.to === null || tx.value <= 0n) continue;
    const to = tx.to.toLowerCase();
    if (!watched.has(to)) continue;
    found.push({
      id: transferId(block.chainId, tx.hash, null),
      chainId: block.chainId,
      blockNumber: block.number,
      blockHash: block.hash,
      txHash: tx.hash,
      logIndex: null,
      from: tx.from.toLowerCase(),
      to,
      asset: options.nativeAsset,
      tokenAddress: null,
      amount: tx.value,
    });
  }
  for (const log of block.logs) {
    // ERC-721 shares the Transfer signature but indexes the token id: 4 topics. Only ERC-20 (3) counts.
    if (log.topics.length !== 3 || log.topics[0]?.toLowerCase() !== TRANSFER_TOPIC) continue;
    const tokenAddress = log.address.toLowerCase();
    const asset = options.tokens.get(tokenAddress);
    if (asset === undefined) continue;
    const to = topicToAddress(log.topics[2]);
    if (to === null || !watched.has(to)) continue;
    if (!/^0x[0-9a-fA-F]{64}$/.test(log.data)) continue;
    const amount = BigInt(log.data);
    if (amount === 0n) continue;
    found.push({
      id: transferId(block.chainId, log.transactionHash, log.logIndex),
      chainId: block.chainId,
      blockNumber: block.number,
      blockHash: block.hash,
      txHash: log.transactionHash,
      logIndex: log.logIndex,
      from: topicToAddress(log.topics[1]) ?? '0x',
      to,
      asset,
      tokenAddress,
      amount,
    });
  }
  return found;
}
