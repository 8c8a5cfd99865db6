import { eventStoreSchemaSql } from '@opencheckout/event-store';
import { projectionSchemaSql } from '@opencheckout/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dispatcherProjections } from '../projections/webhook-endpoints.projection.js';

export const DISPATCHER_SCHEMA = 'dispatcher';

const s = `"${DISPATCHER_SCHEMA}"`;

export class DispatcherSchema1763900000000 implements MigrationInterface {
  name = 'DispatcherSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of eventStoreSchemaSql(DISPATCHER_SCHEMA)) await runner.query(sql);
    for (const sql of projectionSchemaSql(DISPATCHER_SCHEMA, dispatcherProjections)) await runner.query(sql);
    // The webhook view of each session, folded from its facts by the session reactor.
    await runner.query(`CREATE TABLE IF NOT EXISTS ${s}.session_objects (
      session_id text PRIMARY KEY,
      merchant_id text NOT NULL,
      livemode boolean NOT NULL,
      sequence integer NOT NULL,
      state jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // One immutable row per webhook event: the exact body that is signed and sent.
    await runner.query(`CREATE TABLE IF NOT EXISTS ${s}.messages (
      event_id text PRIMARY KEY,
      source_event_id uuid UNIQUE,
      merchant_id text NOT NULL,
      livemode boolean NOT NULL,
      type text NOT NULL,
      session_id text,
      sequence integer NOT NULL,
      body text NOT NULL,
      correlation_id text,
      test boolean NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS messages_replay_idx ON ${s}.messages (merchant_id, livemode, created_at) WHERE NOT test`,
    );
    // A message to one endpoint; its state moves, its attempts never change.
    await runner.query(`CREATE TABLE IF NOT EXISTS ${s}.deliveries (
      delivery_id text PRIMARY KEY,
      event_id text NOT NULL REFERENCES ${s}.messages (event_id),
      endpoint_id text NOT NULL,
      merchant_id text NOT NULL,
      livemode boolean NOT NULL,
      event_type text NOT NULL,
      origin text NOT NULL,
      test boolean NOT NULL,
      dedup_key text UNIQUE,
      status text NOT NULL,
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await runner.query(
      `CREATE INDEX IF NOT EXISTS deliveries_due_idx ON ${s}.deliveries (endpoint_id, next_attempt_at) WHERE status IN ('pending', 'retrying')`,
    );
    await runner.query(
      `CREATE INDEX IF NOT EXISTS deliveries_leased_idx ON ${s}.deliveries (endpoint_id) WHERE lease_until IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX IF NOT EXISTS deliveries_merchant_idx ON ${s}.deliveries (merchant_id, livemode, delivery_id DESC)`,
    );
    await runner.query(`CREATE TABLE IF NOT EXISTS ${s}.attempts (
      delivery_id text NOT NULL REFERENCES ${s}.deliveries (delivery_id),
      attempt integer NOT NULL,
      endpoint_id text NOT NULL,
      succeeded boolean NOT NULL,
      http_status integer,
      latency_ms integer NOT NULL,
      response_excerpt text NOT NULL,
      error text,
      attempted_at timestamptz NOT NULL,
      next_attempt_at timestamptz,
      PRIMARY KEY (delivery_id, attempt)
    )`);
    // Messages and attempts are history: refuse changes as the event store does.
    await runner.query(`CREATE OR REPLACE FUNCTION ${s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% on %.% refused: rows are immutable', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
    END
    $fn$`);
    for (const table of ['messages', 'attempts']) {
      await runner.query(`CREATE OR REPLACE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${s}.${table}
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change()`);
    }
    // The run of failures of each endpoint, for "disable after N days of failure".
    await runner.query(`CREATE TABLE IF NOT EXISTS ${s}.endpoint_health (
      endpoint_id text PRIMARY KEY,
      failing_since timestamptz,
      last_success_at timestamptz,
      last_failure_at timestamptz
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  }
}
