import { eventStoreSchemaSql } from '@opencheckout/event-store';
import { projectionSchemaSql } from '@opencheckout/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { watchedAddressesProjection } from '../projections/watched-addresses.projection.js';

export const WATCHER_SCHEMA = 'watcher';

export class WatcherSchema1763900000000 implements MigrationInterface {
  name = 'WatcherSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of eventStoreSchemaSql(WATCHER_SCHEMA)) await runner.query(sql);
    // The tail only shapes rows, not the table: any value gives the same DDL.
    for (const sql of projectionSchemaSql(WATCHER_SCHEMA, [watchedAddressesProjection(0)])) await runner.query(sql);
    // Per chain: the recent canonical blocks the follower processed. `version` fences a replica that lost its lease.
    await runner.query(`CREATE TABLE IF NOT EXISTS "${WATCHER_SCHEMA}".chain_cursors (
      chain_id integer PRIMARY KEY,
      blocks jsonb NOT NULL,
      tip_number numeric(78,0),
      version bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Every observed payment to a watched address; one row per observation (a reorg can re-include a transfer elsewhere).
    await runner.query(`CREATE TABLE IF NOT EXISTS "${WATCHER_SCHEMA}".observed_payments (
      chain_id integer NOT NULL,
      tx_hash text NOT NULL,
      log_index integer NOT NULL,
      block_hash text NOT NULL,
      block_number numeric(78,0) NOT NULL,
      from_address text NOT NULL,
      to_address text NOT NULL,
      asset_code text NOT NULL,
      token_address text,
      amount numeric(78,0) NOT NULL,
      session_id text,
      status text NOT NULL CHECK (status IN ('detected', 'confirmed', 'reverted', 'wrong_asset')),
      confirmations integer NOT NULL DEFAULT 1,
      block_timestamp timestamptz,
      observed_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (chain_id, tx_hash, log_index, block_hash)
    )`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS observed_payments_session_idx ON "${WATCHER_SCHEMA}".observed_payments (session_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA IF EXISTS "${WATCHER_SCHEMA}" CASCADE`);
  }
}
