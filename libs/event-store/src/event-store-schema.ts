import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertIdentifier, qualified } from './schema-name.js';

/**
 * DDL of one service's event store: the append-only `events` table, its
 * `outbox`, and the triggers that refuse changes and wake the relay.
 * Each statement is idempotent so a service migration can call it safely.
 */
export function eventStoreSchemaSql(schema: string): string[] {
  const s = `"${assertIdentifier(schema, 'schema name')}"`;
  const events = qualified(schema, 'events');
  const outbox = qualified(schema, 'outbox');
    return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${events} (
      global_position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_type text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      event_id uuid NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL DEFAULT 1,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_event_id_key UNIQUE (event_id),
      CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
    )`,
    // readAll filters on the transaction id, then walks the global position.
    `CREATE INDEX IF NOT EXISTS events_transaction_position_idx ON ${events} (transaction_id, global_position)`,
    `CREATE INDEX IF NOT EXISTS events_stream_type_idx ON ${events} (stream_type, global_position)`,
    `CREATE OR REPLACE FUNCTION ${s}.events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'events are append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
    END
    $fn$`,
    `CREATE OR REPLACE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON ${events}
      FOR EACH ROW EXECUTE FUNCTION ${s}.events_refuse_change()`,
    `CREATE OR REPLACE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON ${events}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_refuse_change()`,
    `CREATE TABLE IF NOT EXISTS ${outbox} (
      global_position bigint PRIMARY KEY REFERENCES ${events} (global_position),
      event_id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      published_at timestamptz
    )`,
    `CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON ${outbox} (global_position) WHERE published_at IS NULL`,
  ];
}

/** A TypeORM migration that creates the event store in `schema` (down drops it). */
export function createEventStoreMigration(schema: string, timestamp = 1763769600000): new () => MigrationInterface {
  const name = `EventStore_${assertIdentifier(schema, 'schema name')}${timestamp}`;
  return class EventStoreMigration implements MigrationInterface {
    readonly name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of eventStoreSchemaSql(schema)) await queryRunner.query(statement);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE IF EXISTS ${qualified(schema, 'outbox')}`);
      // TRUNCATE/DELETE are refused, DROP is the deliberate way out.
      await queryRunner.query(`DROP TABLE IF EXISTS ${qualified(schema, 'events')}`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS "${schema}".events_refuse_change()`);
    }
  };
}
