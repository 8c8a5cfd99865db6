import { pino, type Logger } from 'pino';
import type { PublicClient } from 'viem';
import { processBlock } from '../../domain/block-processor.js';
import type { ChainBlock } from '../../domain/chain-block.js';
import type { CursorStore } from '../../domain/cursor-store.js';
import type { ObservedTransfer } from '../../domain/observed-transfer.js';
import { appendBlock, rewindTo, type RecentBlock } from '../../domain/recent-blocks.js';
import type { WatchedAddresses } from '../../domain/watched-addresses.js';
import { ViemBlockReader } from './viem-block-reader.js';

/**
 * What the follower reports. Handlers are awaited in chain order; if one throws,
 * the block is not marked processed and is replayed on the next pass, so
 * delivery is at-least-once: publish with a message id of (event, transfer id,
 * block hash) to make replays harmless.
 */
export interface ChainFollowerHandlers {
  detected(transfer: ObservedTransfer): Promise<void> | void;
  /** Once per transfer, when its block is `confirmations` deep (the required depth). */
  confirmed(transfer: ObservedTransfer, confirmations: number): Promise<void> | void;
  /** A previously detected transfer left the canonical chain. */
  reverted(transfer: ObservedTransfer, info: { wasConfirmed: boolean }): Promise<void> | void;
  /** Depth of a detected transfer below the required confirmations, as blocks arrive. */
  confirming?(transfer: ObservedTransfer, confirmations: number): Promise<void> | void;
}

export interface ChainFollowerParameters {
  chainId: number;
  /** HTTP client: every read goes through it. */
  client: PublicClient;
  /** Optional WebSocket client: new heads wake the follower at once instead of at the next poll. */
  wsClient?: PublicClient;
  cursorStore: CursorStore;
  watched: WatchedAddresses;
  nativeAsset: string;
  /** Lowercase token contract → asset code. */
  tokens: ReadonlyMap<string, string>;
  confirmations: number;
  handlers: ChainFollowerHandlers;
  pollingIntervalMs?: number;
  /** Where to begin with an empty cursor. Default: the current head. */
  startBlock?: bigint | 'latest';
  /** Blocks remembered for reorg detection. Default 64. */
  windowSize?: number;
  /** Blocks read per request batch while catching up. Default 20. */
  batchSize?: number;
  logger?: Logger;
  /**
   * The depth one transfer needs when it differs from `confirmations` (per
   * session). Must stay below the window size.
   */
  requiredConfirmations?: (transfer: ObservedTransfer) => number | undefined;
  /** Awaited before each pass (e.g. to let the watched set catch up with new sessions first). */
  beforeSync?: () => Promise<void>;
}

/**
 * Follows one chain: processes every block exactly once and in order from the
 * persisted cursor, catches up after downtime, rewinds reorgs to the fork point
 * and reports detected / confirmed / reverted transfers.
 */
export class ChainFollower {
  private blocks: RecentBlock[] = [];
  private readonly reader: ViemBlockReader;
  private readonly logger: Logger;
  private readonly windowSize: number;
  private readonly batchSize: number;
  private readonly pollingIntervalMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A head announced while a pass was running: the next wait returns at once. */
  private woken = false;
  private unwatch: (() => void) | null = null;
  private loaded = false;
  private syncing: Promise<void> | null = null;
  private resumeAt: bigint | null = null;

  constructor(private readonly parameters: ChainFollowerParameters) {
    this.reader = new ViemBlockReader(parameters.client, parameters.chainId, [...parameters.tokens.keys()]);
    this.logger = (parameters.logger ?? pino({ level: 'silent' })).child({ context: 'ChainFollower', chainId: parameters.chainId });
    this.windowSize = Math.max(parameters.windowSize ?? 64, parameters.confirmations + 1);
    this.batchSize = parameters.batchSize ?? 20;
    this.pollingIntervalMs = parameters.pollingIntervalMs ?? 4000;
  }

  /** The last processed block, if any. */
  get tip(): { number: bigint; hash: string } | undefined {
    const tip = this.blocks.at(-1);
    return tip && { number: tip.number, hash: tip.hash };
  }

  /** Starts following in the background until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.ensureLoaded();
    this.running = true;
    if (this.parameters.wsClient) {
      this.unwatch = this.parameters.wsClient.watchBlockNumber({
        emitOnBegin: false,
        onBlockNumber: () => this.notify(),
        onError: (error) => this.logger.warn({ err: error }, 'new-heads subscription failed; polling continues'),
      });
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    this.unwatch = null;
    this.notify();
    await this.loop;
    this.loop = null;
  }

  /** One pass: process every block up to the current head (also what each poll does). */
  async syncOnce(): Promise<void> {
    // Passes never overlap: a poll and an explicit call share the one in flight.
    if (!this.syncing) {
      this.syncing = this.sync().finally(() => {
        this.syncing = null;
      });
    }
    return this.syncing;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.syncOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'chain sync failed; retrying');
        // The stored cursor is the truth (a save may have failed, or another follower moved it): read it again.
        this.loaded = false;
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        if (this.woken) return resolve();
        const timer = setTimeout(resolve, this.pollingIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      this.woken = false;
    }
  }

  private notify(): void {
    this.woken = true;
    this.wake?.();
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    this.blocks = await this.parameters.cursorStore.load(this.parameters.chainId);
    this.loaded = true;
  }

  private async sync(): Promise<void> {
    await this.ensureLoaded();
    await this.parameters.beforeSync?.();
    const head = await this.reader.headNumber();
    await this.checkTip(head);
    let next = this.nextBlockNumber(head);
    while (next <= head) {
      const to = next + BigInt(this.batchSize) - 1n < head ? next + BigInt(this.batchSize) - 1n : head;
      const range = await this.reader.range(next, to);
      if (range === null) {
        // The chain moved under the read (or the node lags): settle a reorg if any, read again next pass.
        await this.checkTip(await this.reader.headNumber());
        return;
      }
      for (const block of range) {
        const tip = this.blocks.at(-1);
        if (tip && block.parentHash !== tip.hash) {
          await this.rewindToFork();
          break;
        }
        await this.apply(block);
      }
      next = this.nextBlockNumber(head);
    }
  }

  private nextBlockNumber(head: bigint): bigint {
    const tip = this.blocks.at(-1);
    if (tip) return tip.number + 1n;
    if (this.resumeAt !== null) return this.resumeAt;
    const start = this.parameters.startBlock ?? 'latest';
    return start === 'latest' ? head : start;
  }

  /** A chain that got shorter or swapped our tip is a reorg even before a new block arrives. */
  private async checkTip(head: bigint): Promise<void> {
    const tip = this.blocks.at(-1);
    if (!tip) return;
    const canonical = tip.number <= head ? await this.reader.header(tip.number) : null;
    if (canonical?.hash !== tip.hash) await this.rewindToFork();
  }

  /** Walks back the remembered blocks to the newest one still canonical, and drops the rest. */
  private async rewindToFork(): Promise<void> {
    let fork: bigint | null = null;
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      const block = this.blocks[i]!;
      const canonical = await this.reader.header(block.number);
      if (canonical?.hash === block.hash) {
        fork = block.number;
        break;
      }
    }
    const oldest = this.blocks[0];
    if (fork === null && oldest) {
      // Deeper than the window: drop everything remembered and resume at its start.
      this.logger.warn({ depth: this.blocks.length }, 'reorg deeper than the remembered window');
      fork = oldest.number - 1n;
    }
    if (fork === null) return;
    const { blocks, reverted } = rewindTo(this.blocks, fork);
    this.logger.info({ forkBlock: fork.toString(), reverted: reverted.length }, 'chain reorganised');
    for (const { transfer, wasConfirmed } of reverted) await this.parameters.handlers.reverted(transfer, { wasConfirmed });
    await this.parameters.cursorStore.save(this.parameters.chainId, blocks);
    this.blocks = blocks;
    // A window emptied by a deep reorg resumes after the fork, not at startBlock.
    if (blocks.length === 0) this.resumeAt = fork + 1n;
  }

  private async apply(block: ChainBlock): Promise<void> {
    const { handlers, watched, nativeAsset, tokens, confirmations, chainId } = this.parameters;
    const blockTimestamp = Number(block.timestamp);
    const transfers = processBlock(block, watched, { nativeAsset, tokens }).map((found) => {
      const transfer: ObservedTransfer = { ...found, blockTimestamp };
      const required = this.parameters.requiredConfirmations?.(transfer);
      if (required !== undefined) transfer.requiredConfirmations = Math.min(required, this.windowSize - 1);
      return transfer;
    });
    const result = appendBlock(
      this.blocks,
      { number: block.number, hash: block.hash, parentHash: block.parentHash, transfers },
      confirmations,
      this.windowSize,
    );
    for (const transfer of transfers) await handlers.detected(transfer);
    if (handlers.confirming) for (const c of result.confirming) await handlers.confirming(c.transfer, c.confirmations);
    for (const c of result.confirmed) await handlers.confirmed(c.transfer, c.confirmations);
    await this.parameters.cursorStore.save(chainId, result.blocks);
    this.blocks = result.blocks;
    this.resumeAt = null;
  }
}
