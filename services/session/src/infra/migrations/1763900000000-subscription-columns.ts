import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SESSION_SCHEMA } from './1763800000000-session-schema.js';

/** Subscription renewals are found from the list projection; databases made before it get the columns. */
export class SubscriptionColumns1763900000000 implements MigrationInterface {
  name = 'SubscriptionColumns1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const table = `"${SESSION_SCHEMA}".session_list`;
    await runner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS subscription_id text`);
    await runner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS renewal_due_at timestamptz`);
    await runner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS subscription_closed boolean NOT NULL DEFAULT false`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS session_list_renewal_idx ON ${table} (renewal_due_at) WHERE renewal_due_at IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX IF NOT EXISTS session_list_subscription_idx ON ${table} (subscription_id, created_at DESC) WHERE subscription_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const table = `"${SESSION_SCHEMA}".session_list`;
    await runner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS subscription_closed`);
    await runner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS renewal_due_at`);
    await runner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS subscription_id`);
  }
}
