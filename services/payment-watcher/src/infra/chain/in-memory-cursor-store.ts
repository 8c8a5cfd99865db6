import { decodeRecentBlocks, encodeRecentBlocks, type CursorStore } from '../../domain/cursor-store.js';
import type { RecentBlock } from '../../domain/recent-blocks.js';

/** A CursorStore in memory, encoded like a persisted one would be (so tests exercise the round trip). */
export class InMemoryCursorStore implements CursorStore {
  private readonly saved = new Map<number, string>();
  saves = 0;

  async load(chainId: number): Promise<RecentBlock[]> {
    const json = this.saved.get(chainId);
    return json === undefined ? [] : decodeRecentBlocks(json);
  }

  async save(chainId: number, blocks: readonly RecentBlock[]): Promise<void> {
    this.saved.set(chainId, encodeRecentBlocks(blocks));
    this.saves += 1;
  }
}
