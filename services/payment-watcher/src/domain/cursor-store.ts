import type { RecentBlock } from './recent-blocks.js';

/**
 * Where a follower keeps its place per chain: the recent canonical blocks it
 * processed (newest last), with their transfers, so a restart resumes at the
 * next block and can still detect a reorg of what it saw before stopping.
 */
export interface CursorStore {
  load(chainId: number): Promise<RecentBlock[]>;
  /** Replaces the stored window; called after each processed block or rewind. */
  save(chainId: number, blocks: readonly RecentBlock[]): Promise<void>;
}

/** JSON for a jsonb column or a KV value: bigints as decimal strings. */
export function encodeRecentBlocks(blocks: readonly RecentBlock[]): string {
  return JSON.stringify(blocks, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

export function decodeRecentBlocks(json: string): RecentBlock[] {
  const raw = JSON.parse(json) as (Omit<RecentBlock, 'number' | 'transfers'> & {
    number: string;
    transfers: (Omit<RecentBlock['transfers'][number], 'blockNumber' | 'amount'> & { blockNumber: string; amount: string })[];
  })[];
  return raw.map((b) => ({
    ...b,
    number: BigInt(b.number),
    transfers: b.transfers.map((t) => ({ ...t, blockNumber: BigInt(t.blockNumber), amount: BigInt(t.amount) })),
  }));
}
