import { eventStoreSchemaSql } from '@opencheckout/event-store';
import { projectionSchemaSql } from '@opencheckout/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dashboardProjections } from '../projections/dashboard-projections.js';

export const DASHBOARD_SCHEMA = 'dashboard';

export class DashboardSchema1763900000000 implements MigrationInterface {
  name = 'DashboardSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of eventStoreSchemaSql(DASHBOARD_SCHEMA)) await runner.query(sql);
    for (const sql of projectionSchemaSql(DASHBOARD_SCHEMA, dashboardProjections)) await runner.query(sql);
    // Stripe's idempotency per (merchant or operator, mode, key); answers sealed (they may hold a secret shown once).
    await runner.query(`CREATE TABLE IF NOT EXISTS "${DASHBOARD_SCHEMA}".idempotency_keys (
      scope text NOT NULL,
      livemode boolean NOT NULL,
      key text NOT NULL,
      operation text NOT NULL,
      request_hash text NOT NULL,
      response text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, livemode, key)
    )`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS idempotency_keys_expiry_idx ON "${DASHBOARD_SCHEMA}".idempotency_keys (expires_at)`,
    );
    // Imported mnemonics, AES-256-GCM sealed; nothing else holds them.
    await runner.query(`CREATE TABLE IF NOT EXISTS "${DASHBOARD_SCHEMA}".wallet_secrets (
      wallet_id text PRIMARY KEY,
      merchant_id text NOT NULL,
      livemode boolean NOT NULL,
      ciphertext text NOT NULL,
      created_at timestamptz NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA IF EXISTS "${DASHBOARD_SCHEMA}" CASCADE`);
  }
}
