import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { processBlock } from '../../domain/block-processor.js';
import { TRANSFER_TOPIC, type ChainBlock } from '../../domain/chain-block.js';
import { WatchedAddressSet } from '../../domain/watched-addresses.js';

export interface BlockProcessorBenchResult {
  watchedAddresses: number;
  transactionsPerBlock: number;
  logsPerBlock: number;
  blocks: number;
  microsecondsPerBlock: number;
  transfersFound: number;
}

const address = () => `0x${randomBytes(20).toString('hex')}`;

/** A busy mainnet-like block: mostly unrelated traffic, a few payments to watched addresses. */
function syntheticBlock(n: number, watched: string[], token: string, txs: number, logs: number): ChainBlock {
  const pick = (i: number) => (i % 25 === 0 ? watched[i % watched.length]! : address());
  return {
    chainId: 1,
    number: BigInt(n),
    hash: `0x${randomBytes(32).toString('hex')}`,
    parentHash: `0x${randomBytes(32).toString('hex')}`,
    timestamp: BigInt(n),
    transactions: Array.from({ length: txs }, (_, i) => ({ hash: `0x${i}`, from: address(), to: pick(i), value: BigInt(i + 1) })),
    logs: Array.from({ length: logs }, (_, i) => ({
      address: token,
      topics: [TRANSFER_TOPIC, `0x${'0'.repeat(24)}${address().slice(2)}`, `0x${'0'.repeat(24)}${pick(i).slice(2)}`],
      data: `0x${(BigInt(i) + 1n).toString(16).padStart(64, '0')}`,
      logIndex: i,
      transactionHash: `0x${i}`,
    })),
  };
}

function run(watchedCount: number, blocks: number, txs: number, logs: number): BlockProcessorBenchResult {
  const watchedList = Array.from({ length: watchedCount }, address);
  const watched = new WatchedAddressSet(watchedList);
  const token = address();
  const options = { nativeAsset: 'ETH', tokens: new Map([[token, 'USDC']]) };
  const input = Array.from({ length: blocks }, (_, n) => syntheticBlock(n, watchedList, token, txs, logs));
  for (const block of input.slice(0, 20)) processBlock(block, watched, options); // warm-up
  let found = 0;
  const start = performance.now();
  for (const block of input) found += processBlock(block, watched, options).length;
  const elapsed = performance.now() - start;
  return {
    watchedAddresses: watchedCount,
    transactionsPerBlock: txs,
    logsPerBlock: logs,
    blocks,
    microsecondsPerBlock: Math.round((elapsed * 1000) / blocks),
    transfersFound: found,
  };
}

/** BlockProcessor cost per block with 100 and 100,000 watched addresses (200 txs + 300 token logs a block). */
export function benchBlockProcessor({ blocks = 500, txs = 200, logs = 300 } = {}): BlockProcessorBenchResult[] {
  return [100, 100_000].map((watched) => run(watched, blocks, txs, logs));
}
