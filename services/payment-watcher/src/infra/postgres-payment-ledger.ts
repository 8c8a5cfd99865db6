import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresEventStore } from '@opencheckout/event-store';
import { StateConflictError } from '@opencheckout/errors';
import { qualified } from '@opencheckout/event-store';
import { decodeRecentBlocks, encodeRecentBlocks, type CursorStore } from '../domain/cursor-store.js';
import type { ObservedTransfer } from '../domain/observed-transfer.js';
import type { RecentBlock } from '../domain/recent-blocks.js';
import type { WatchedSession } from '../domain/watched-session.js';
import type { PaymentFact } from '../app/payment-fact.js';

/** A transfer to a watched address in an asset its session does not take: recorded, never announced. */
export interface ForeignAssetObservation {
  transfer: ObservedTransfer;
  session: WatchedSession;
}

export interface PostgresPaymentLedgerOptions {
  dataSource: DataSource;
  store: PostgresEventStore;
  schema: string;
  clock?: () => Date;
}

/**
 * One chain's cursor and what its blocks produced, written together: the
 * follower's handlers stage payment facts, and `save` (called once per block
 * or rewind) appends them to the event store (outbox included), records the
 * observed payments and moves the cursor in one transaction. A crash loses
 * the block as a whole, which is then processed again: never half of it.
 *
 * The cursor row carries a version: a replica that lost its lease and kept
 * writing finds the version moved and fails instead of doubling events.
 */
export class PostgresPaymentLedger implements CursorStore {
  private staged: PaymentFact[] = [];
  private foreign: ForeignAssetObservation[] = [];
  private readonly versions = new Map<number, number>();
  private readonly cursors: string;
  private readonly payments: string;
  private readonly clock: () => Date;

  constructor(private readonly options: PostgresPaymentLedgerOptions) {
    this.cursors = qualified(options.schema, 'chain_cursors');
    this.payments = qualified(options.schema, 'observed_payments');
    this.clock = options.clock ?? (() => new Date());
  }

  stage(fact: PaymentFact): void {
    this.staged.push(fact);
  }

  stageForeignAsset(observation: ForeignAssetObservation): void {
    this.foreign.push(observation);
  }

  async load(chainId: number): Promise<RecentBlock[]> {
    this.staged = [];
    this.foreign = [];
    const rows = (await this.options.dataSource.query(
      `SELECT blocks::text AS blocks, version::text AS version FROM ${this.cursors} WHERE chain_id = $1`,
      [chainId],
    )) as { blocks: string; version: string }[];
    const row = rows[0];
    this.versions.set(chainId, row ? Number(row.version) : 0);
    return row ? decodeRecentBlocks(row.blocks) : [];
  }

  async save(chainId: number, blocks: readonly RecentBlock[]): Promise<void> {
    // Within one block a fact can only be staged once; a replay after a failed save starts from an empty stage.
    const facts = [...new Map(this.staged.map((fact) => [fact.eventId, fact])).values()];
    const foreign = this.foreign;
    this.staged = [];
    this.foreign = [];
    const expected = this.versions.get(chainId) ?? 0;
    const occurredAt = this.clock().toISOString();
    await this.options.dataSource.transaction(async (manager) => {
      for (const fact of facts) {
        await this.options.store.appendToStream(
          fact.streamId,
          [
            {
              type: fact.type,
              data: fact.data,
              metadata: { eventId: fact.eventId, merchantId: fact.session.merchantId, livemode: fact.session.livemode, occurredAt },
            },
          ],
          { expectedVersion: 'any', manager },
        );
        await this.record(manager, fact);
      }
      for (const observation of foreign) await this.recordForeign(manager, observation);
      const tip = blocks.at(-1);
      const [moved] = (await manager.query(
        `INSERT INTO ${this.cursors} AS c (chain_id, blocks, tip_number, version) VALUES ($1, $2::jsonb, $3, $4 + 1)
         ON CONFLICT (chain_id) DO UPDATE SET blocks = EXCLUDED.blocks, tip_number = EXCLUDED.tip_number,
           version = EXCLUDED.version, updated_at = now()
         WHERE c.version = $4
         RETURNING version::text AS version`,
        [chainId, encodeRecentBlocks(blocks), tip ? tip.number.toString() : null, expected],
      )) as { version: string }[];
      if (moved === undefined) {
        throw new StateConflictError(`The cursor of chain ${chainId} was moved by another follower.`, { code: 'cursor_moved' });
      }
    });
    this.versions.set(chainId, expected + 1);
  }

  private async record(manager: EntityManager, fact: PaymentFact): Promise<void> {
    const t = fact.transfer;
    const key = [t.chainId, t.txHash.toLowerCase(), t.logIndex ?? -1, t.blockHash];
    if (fact.type === 'payment.detected') {
      await manager.query(
        `INSERT INTO ${this.payments} (chain_id, tx_hash, log_index, block_hash, block_number, from_address, to_address,
           asset_code, token_address, amount, session_id, status, confirmations, block_timestamp)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'detected', $12, $13)
         ON CONFLICT (chain_id, tx_hash, log_index, block_hash) DO NOTHING`,
        [...key, t.blockNumber.toString(), t.from, t.to, t.asset, t.tokenAddress, t.amount.toString(), fact.session.sessionId,
          fact.confirmations, t.blockTimestamp === undefined ? null : new Date(t.blockTimestamp * 1000).toISOString()],
      );
      return;
    }
    const status = fact.type === 'payment.confirmed' ? 'confirmed' : 'reverted';
    await manager.query(
      `UPDATE ${this.payments} SET status = $5, confirmations = greatest(confirmations, $6), updated_at = now()
       WHERE chain_id = $1 AND tx_hash = $2 AND log_index = $3 AND block_hash = $4`,
      [...key, status, fact.confirmations],
    );
  }

  private async recordForeign(manager: EntityManager, { transfer: t, session }: ForeignAssetObservation): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.payments} (chain_id, tx_hash, log_index, block_hash, block_number, from_address, to_address,
         asset_code, token_address, amount, session_id, status, block_timestamp)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'wrong_asset', $12)
       ON CONFLICT (chain_id, tx_hash, log_index, block_hash) DO NOTHING`,
      [t.chainId, t.txHash.toLowerCase(), t.logIndex ?? -1, t.blockHash, t.blockNumber.toString(), t.from, t.to, t.asset,
        t.tokenAddress, t.amount.toString(), session.sessionId,
        t.blockTimestamp === undefined ? null : new Date(t.blockTimestamp * 1000).toISOString()],
    );
  }
}
