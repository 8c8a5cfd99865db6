import { eventStoreSchemaSql } from '@opencheckout/event-store';
import { projectionSchemaSql } from '@opencheckout/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sessionProjections } from '../projections/index.js';

export const SESSION_SCHEMA = 'session';

export class SessionSchema1763800000000 implements MigrationInterface {
  name = 'SessionSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of eventStoreSchemaSql(SESSION_SCHEMA)) await runner.query(sql);
    for (const sql of projectionSchemaSql(SESSION_SCHEMA, sessionProjections)) await runner.query(sql);
    // Stripe's idempotency: one row per (merchant, mode, key), inserted in the same transaction as the append.
    await runner.query(`CREATE TABLE IF NOT EXISTS "${SESSION_SCHEMA}".idempotency_keys (
      merchant_id text NOT NULL,
      livemode boolean NOT NULL,
      key text NOT NULL,
      operation text NOT NULL,
      request_hash text NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (merchant_id, livemode, key)
    )`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS idempotency_keys_expiry_idx ON "${SESSION_SCHEMA}".idempotency_keys (expires_at)`,
    );
    // Address indexes per wallet: handed out atomically, never reused.
    await runner.query(`CREATE TABLE IF NOT EXISTS "${SESSION_SCHEMA}".address_allocations (
      wallet_id text PRIMARY KEY,
      next_index bigint NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA IF EXISTS "${SESSION_SCHEMA}" CASCADE`);
  }
}
