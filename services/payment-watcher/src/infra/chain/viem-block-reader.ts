import type { Address, Hash, PublicClient } from 'viem';
import { TRANSFER_TOPIC, type ChainBlock, type ChainLog } from '../../domain/chain-block.js';

/** A block header: enough to check the chain still holds what we processed. */
export interface BlockHeader {
  number: bigint;
  hash: string;
  parentHash: string;
}

/** Reads blocks (with full transactions) and the token Transfer logs of a block range with viem. */
export class ViemBlockReader {
  constructor(
    private readonly client: PublicClient,
    private readonly chainId: number,
    /** Lowercase token contracts whose Transfer logs matter. */
    private readonly tokenAddresses: readonly string[],
  ) {}

  async headNumber(): Promise<bigint> {
    // cacheTime 0: the default caches the head for the polling interval, which hides new blocks and reorgs.
    return this.client.getBlockNumber({ cacheTime: 0 });
  }

  /** The canonical header at `number`, or null when the chain is shorter. */
  async header(number: bigint): Promise<BlockHeader | null> {
    try {
      const block = await this.client.getBlock({ blockNumber: number });
      return { number: block.number, hash: block.hash, parentHash: block.parentHash };
    } catch (error) {
      if ((error as { name?: string }).name === 'BlockNotFoundError') return null;
      throw error;
    }
  }

  /**
   * Blocks `from`..`to` with their token logs, or null if the chain changed
   * while reading (blocks do not link up, or logs came from other blocks):
   * the caller then checks for a reorg and reads again.
   */
  async range(from: bigint, to: bigint): Promise<ChainBlock[] | null> {
    const numbers: bigint[] = [];
    for (let n = from; n <= to; n++) numbers.push(n);
    const [blocks, logs] = await Promise.all([
      Promise.all(numbers.map((blockNumber) => this.client.getBlock({ blockNumber, includeTransactions: true }).catch(() => null))),
      this.tokenAddresses.length === 0
        ? Promise.resolve([])
        : this.client.getLogs({
            address: this.tokenAddresses as Address[],
            fromBlock: from,
            toBlock: to,
          }).then((all) => all.filter((log) => log.topics[0] === TRANSFER_TOPIC)),
    ]);
    const logsByBlock = new Map<string, ChainLog[]>();
    for (const log of logs) {
      if (log.blockHash === null || log.logIndex === null || log.transactionHash === null) continue;
      const list = logsByBlock.get(log.blockHash) ?? [];
      list.push({ address: log.address, topics: log.topics, data: log.data, logIndex: log.logIndex, transactionHash: log.transactionHash });
      logsByBlock.set(log.blockHash, list);
    }
    const result: ChainBlock[] = [];
    for (const block of blocks) {
      if (!block || block.hash === null || block.number === null) return null;
      const previous = result.at(-1);
      if (previous && block.parentHash !== previous.hash) return null;
      result.push({
        chainId: this.chainId,
        number: block.number,
        hash: block.hash,
        parentHash: block.parentHash,
        timestamp: block.timestamp,
        transactions: block.transactions.map((tx) => ({ hash: tx.hash as Hash, from: tx.from, to: tx.to ?? null, value: tx.value })),
        logs: logsByBlock.get(block.hash) ?? [],
      });
      logsByBlock.delete(block.hash);
    }
    // Logs from a block we did not read: the range was reorged between the two reads.
    if (logsByBlock.size > 0) return null;
    return result;
  }
}
