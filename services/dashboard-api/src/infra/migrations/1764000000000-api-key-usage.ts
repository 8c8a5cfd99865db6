import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DASHBOARD_SCHEMA } from './1763900000000-dashboard-schema.js';

/** When each key was last used: a hint kept outside the event log (it changes every minute a key is busy). */
export class ApiKeyUsage1764000000000 implements MigrationInterface {
  name = 'ApiKeyUsage1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE IF NOT EXISTS "${DASHBOARD_SCHEMA}".api_key_usage (
      key_id text PRIMARY KEY,
      merchant_id text NOT NULL,
      last_used_at timestamptz NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS "${DASHBOARD_SCHEMA}".api_key_usage`);
  }
}
