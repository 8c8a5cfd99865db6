import type { ObservedTransfer } from './observed-transfer.js';

/** One processed canonical block the follower remembers, to detect reorgs and count confirmations. */
export interface RecentBlock {
  number: bigint;
  hash: string;
  parentHash: string;
  /** Watched transfers found in it. */
  transfers: ObservedTransfer[];
  /** Whether its transfers were reported confirmed (so a replay never reports them twice). */
  confirmed: boolean;
}

export interface Confirmation {
  transfer: ObservedTransfer;
  confirmations: number;
}

export interface AppendBlockResult {
  blocks: RecentBlock[];
  /** Transfers that reached the required depth with this block. */
  confirmed: Confirmation[];
  /** Transfers still below the required depth, with their depth now. */
  confirming: Confirmation[];
}

/**
 * Adds the next canonical block and counts depths. Depth of block b at head h
 * is h - b + 1 (the block itself is one confirmation). Keeps the newest
 * `windowSize` blocks; `windowSize` must exceed `required` so nothing leaves
 * the window unconfirmed.
 */
export function appendBlock(
  blocks: readonly RecentBlock[],
  block: Omit<RecentBlock, 'confirmed'>,
  required: number,
  windowSize: number,
): AppendBlockResult {
  const tip = blocks.at(-1);
  if (tip && (block.number !== tip.number + 1n || block.parentHash !== tip.hash)) {
    throw new Error(`Block ${block.number} does not extend ${tip.number}`);
  }
  const confirmed: Confirmation[] = [];
  const confirming: Confirmation[] = [];
  const next = [...blocks, { ...block, confirmed: false }].map((b) => {
    if (b.confirmed) return b;
    const depth = Number(block.number - b.number + 1n);
    let deepest = required;
    for (const transfer of b.transfers) {
      const needed = transfer.requiredConfirmations ?? required;
      deepest = Math.max(deepest, needed);
      // Depth grows by one per appended block, so each transfer meets its own depth exactly once.
      if (depth === needed) {
        confirmed.push({ transfer, confirmations: depth });
      } else if (depth < needed) {
        confirming.push({ transfer, confirmations: depth });
      }
    }
    return depth >= deepest ? { ...b, confirmed: true } : b;
  });
  return { blocks: next.slice(-Math.max(windowSize, required + 1)), confirmed, confirming };
}

export interface RewindResult {
  blocks: RecentBlock[];
  /** Transfers of the dropped blocks, newest first, with whether they had been reported confirmed. */
  reverted: { transfer: ObservedTransfer; wasConfirmed: boolean }[];
}

/** Drops every block above `forkNumber` (the last block both chains share). */
export function rewindTo(blocks: readonly RecentBlock[], forkNumber: bigint): RewindResult {
  const kept = blocks.filter((b) => b.number <= forkNumber);
  const tip = blocks.at(-1);
  const reverted = blocks
    .filter((b) => b.number > forkNumber)
    .reverse()
    .flatMap((b) =>
      [...b.transfers].reverse().map((transfer) => ({
        transfer,
        wasConfirmed:
          b.confirmed ||
          (transfer.requiredConfirmations !== undefined && tip !== undefined && Number(tip.number - b.number + 1n) >= transfer.requiredConfirmations),
      })),
    );
  return { blocks: kept, reverted };
}
