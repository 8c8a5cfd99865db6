import type { RecordedEventLike } from '@opencheckout/event-store';

/** A projection row: column name → value as Postgres returns it (see ProjectionRunner for the rules). */
export type ProjectionRow = Record<string, unknown>;

/**
 * A read model as a pure fold over events into one table. The runner loads the
 * row for `key(event)`, passes it to `evolve`, and upserts the result (`null`
 * deletes the row). `evolve` must not mutate its input and must not read the
 * clock: rebuilding replays the same events and must land on the same rows.
 */
export interface RowProjection<Row extends ProjectionRow = ProjectionRow> {
  /** Unique within the service; also names the durable consumer `<service>_<name>`. */
  name: string;
  /** Table in the service's schema. */
  table: string;
  /** Column holding `key(event)`; the runner declares it PRIMARY KEY. */
  primaryKey: string;
  /** Column list for CREATE TABLE, without the primary-key constraint, e.g. `id text NOT NULL, amount numeric(78,0)`. */
  columnsSql: string;
  /** Extra DDL (indexes) for a table of this projection, given its qualified name. */
  indexSql?: (qualifiedTable: string, tableName: string) => string[];
  /** Event types this projection folds; others are skipped (and acked). */
  handles: string[];
  /** Overrides the consumer filter derived from `handles` (see filterSubjectFor). */
  filterSubject?: string;
  key(event: RecordedEventLike): string | null;
  evolve(row: Row | null, event: RecordedEventLike): Row | null;
}

/**
 * The narrowest single filter subject covering the projection's events:
 * `<prefix>.<aggregate>.>` when all handled types share their first segment,
 * else `<prefix>.>` (nats-server 2.9 has one filter subject per consumer).
 */
export function filterSubjectFor(projection: RowProjection, subjectPrefix = 'events'): string {
  if (projection.filterSubject) return projection.filterSubject;
  const aggregates = new Set(projection.handles.map((type) => type.split('.')[0]));
  if (aggregates.size === 1) return `${subjectPrefix}.${[...aggregates][0]}.>`;
  return `${subjectPrefix}.>`;
}

/** `<service>_<projection>`: the durable consumer of a live projection. */
export function durableNameFor(service: string, projection: RowProjection): string {
  return `${service}_${projection.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
