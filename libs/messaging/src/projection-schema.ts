import { assertIdentifier, qualified } from '@opencheckout/event-store';
import type { RowProjection } from './row-projection.js';

/** DDL of one projection table (used for the live table and for a rebuild's shadow table). */
export function projectionTableSql(schema: string, projection: RowProjection, tableName = projection.table): string[] {
  const table = qualified(schema, tableName);
  const pk = assertIdentifier(projection.primaryKey, 'primary key column');
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (${projection.columnsSql}, CONSTRAINT "${tableName}_pkey" PRIMARY KEY ("${pk}"))`,
    ...(projection.indexSql?.(table, tableName) ?? []),
  ];
}

/**
 * DDL of a service's read side: checkpoints, dead letters and each projection's
 * table. Idempotent, for the service's migration.
 */
export function projectionSchemaSql(schema: string, projections: RowProjection[] = []): string[] {
  const s = `"${assertIdentifier(schema, 'schema name')}"`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${qualified(schema, 'projection_checkpoints')} (
      name text PRIMARY KEY,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE IF NOT EXISTS ${qualified(schema, 'projection_dead_letters')} (
      id bigserial PRIMARY KEY,
      projection text NOT NULL,
      stream_sequence bigint NOT NULL,
      event_id text,
      type text,
      error text NOT NULL,
      payload bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT projection_dead_letters_once UNIQUE (projection, stream_sequence)
    )`,
    ...projections.flatMap((projection) => projectionTableSql(schema, projection)),
  ];
}
