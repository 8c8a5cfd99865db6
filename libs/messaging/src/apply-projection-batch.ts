import type { EntityManager } from 'typeorm';
import { qualified, type RecordedEventLike } from '@opencheckout/event-store';
import { decodeEventMessage } from './event-message.js';
import { insertDeadLetters, type DeadLetter } from './projection-store.js';
import type { ProjectionRow, RowProjection } from './row-projection.js';

export interface ProjectionMessage {
  /** JetStream stream sequence. */
  seq: number;
  payload: Uint8Array;
}

export interface ApplyProjectionBatchParameters {
  manager: EntityManager;
  schema: string;
  projection: RowProjection;
  /** The table written: the live one, or a rebuild's shadow. */
  tableName: string;
  messages: ProjectionMessage[];
  /** Messages at or below this sequence were applied before and are skipped. */
  after: number;
}

export interface ApplyProjectionBatchReturnType {
  /** Highest sequence covered by this batch (or `after` when none was newer). */
  position: number;
  applied: number;
  deadLettered: Set<number>;
}

function normalise(row: Record<string, unknown>): ProjectionRow {
  // Rows reach evolve the same way whether they come from this batch or from Postgres.
  const out: ProjectionRow = {};
  for (const [column, value] of Object.entries(row)) out[column] = value instanceof Date ? value.toISOString() : value;
  return out;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Folds a batch of stream messages into a projection table inside the caller's
 * transaction: one read of the touched rows, pure evolves in memory, one upsert
 * and one delete. Messages that cannot be decoded, keyed or evolved are recorded
 * as dead letters. Any database error escapes, so the caller rolls back.
 */
export async function applyProjectionBatch(params: ApplyProjectionBatchParameters): Promise<ApplyProjectionBatchReturnType> {
  const { manager, schema, projection, tableName, after } = params;
  const table = qualified(schema, tableName);
  const pk = projection.primaryKey;
  const handles = new Set(projection.handles);
  const messages = [...params.messages].sort((a, b) => a.seq - b.seq).filter((m) => m.seq > after);
  const position = messages.length === 0 ? after : messages[messages.length - 1]!.seq;
  const deadLetters: DeadLetter[] = [];
  const work: { message: ProjectionMessage; event: RecordedEventLike; key: string }[] = [];

  for (const message of messages) {
    let event: RecordedEventLike | undefined;
    try {
      event = decodeEventMessage(message.payload);
      if (!handles.has(event.type)) continue;
      const key = projection.key(event);
      if (key === null) continue;
      work.push({ message, event, key });
    } catch (error) {
      deadLetters.push({
        streamSequence: message.seq,
        eventId: event?.eventId ?? null,
        type: event?.type ?? null,
        error: errorMessage(error),
        payload: message.payload,
      });
    }
  }

  const state = new Map<string, ProjectionRow | null>();
  const existing = new Set<string>();
  if (work.length > 0) {
    const keys = [...new Set(work.map((w) => w.key))];
    const rows = (await manager.query(`SELECT * FROM ${table} WHERE "${pk}" = ANY($1)`, [keys])) as Record<string, unknown>[];
    for (const row of rows) {
      const key = String(row[pk]);
      state.set(key, normalise(row));
      existing.add(key);
    }
  }

  const columns = work.length > 0 ? await tableColumns(manager, schema, tableName) : [];
  const columnSet = new Set(columns);
  const dirty = new Set<string>();
  let applied = 0;
  for (const { message, event, key } of work) {
    const current = state.get(key) ?? null;
    try {
      const next = projection.evolve(current === null ? null : structuredClone(current), event);
      if (next !== null) {
        const unknown = Object.keys(next).filter((column) => !columnSet.has(column));
        if (unknown.length > 0) throw new Error(`evolve returned unknown columns: ${unknown.join(', ')}`);
        if (next[pk] === undefined || next[pk] === null) next[pk] = key;
        else if (String(next[pk]) !== key) throw new Error(`evolve changed the primary key from ${key} to ${String(next[pk])}`);
      }
      state.set(key, next === null ? null : normalise(next));
      dirty.add(key);
      applied += 1;
    } catch (error) {
      deadLetters.push({
        streamSequence: message.seq,
        eventId: event.eventId,
        type: event.type,
        error: errorMessage(error),
        payload: message.payload,
      });
    }
  }

  const upserts: ProjectionRow[] = [];
  const deletes: string[] = [];
  for (const key of dirty) {
    const row = state.get(key) ?? null;
    if (row === null) {
      if (existing.has(key)) deletes.push(key);
    } else upserts.push(row);
  }
  if (deletes.length > 0) await manager.query(`DELETE FROM ${table} WHERE "${pk}" = ANY($1)`, [deletes]);
  if (upserts.length > 0) {
    const others = columns.filter((column) => column !== pk);
    const onConflict =
      others.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET (${others.map((c) => `"${c}"`).join(', ')}) = ROW(${others.map((c) => `EXCLUDED."${c}"`).join(', ')})`;
    // jsonb_populate_recordset casts each JSON value with the column's own input function.
    await manager.query(
      `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ON CONFLICT ("${pk}") ${onConflict}`,
      [JSON.stringify(upserts, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))],
    );
  }
  await insertDeadLetters(manager, schema, projection.name, deadLetters);
  return { position, applied, deadLettered: new Set(deadLetters.map((l) => l.streamSequence)) };
}

async function tableColumns(manager: EntityManager, schema: string, tableName: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, tableName],
  )) as { column_name: string }[];
  if (rows.length === 0) throw new ProjectionTableMissingError(schema, tableName);
  return rows.map((row) => row.column_name);
}

/** The table is not there (a migration has not run): a fault of the deployment, not of an event. */
export class ProjectionTableMissingError extends Error {
  override readonly name = 'ProjectionTableMissingError';
  constructor(schema: string, tableName: string) {
    super(`projection table ${schema}.${tableName} does not exist`);
  }
}
