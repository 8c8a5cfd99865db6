import type { EntityManager } from 'typeorm';
import { qualified } from '@opencheckout/event-store';

/** Key of the transaction-scoped advisory lock that serialises a projection's writers (live batches, rebuild swap). */
export function projectionLockKey(schema: string, name: string): string {
  return `opencheckout.projection:${schema}.${name}`;
}

export async function lockProjection(manager: EntityManager, schema: string, name: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [projectionLockKey(schema, name)]);
}

export async function readCheckpoint(manager: EntityManager, schema: string, name: string): Promise<number> {
  const rows = (await manager.query(
    `SELECT position::text AS position FROM ${qualified(schema, 'projection_checkpoints')} WHERE name = $1`,
    [name],
  )) as { position: string }[];
  return rows.length === 0 ? 0 : Number(rows[0]!.position);
}

export async function writeCheckpoint(manager: EntityManager, schema: string, name: string, position: number): Promise<void> {
  await manager.query(
    `INSERT INTO ${qualified(schema, 'projection_checkpoints')} (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [name, position],
  );
}

export interface DeadLetter {
  streamSequence: number;
  eventId: string | null;
  type: string | null;
  error: string;
  payload: Uint8Array;
}

export async function insertDeadLetters(
  manager: EntityManager,
  schema: string,
  projection: string,
  letters: DeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  // A rebuild meets the same poison again: one record per (projection, sequence) is enough.
  await manager.query(
    `INSERT INTO ${qualified(schema, 'projection_dead_letters')} (projection, stream_sequence, event_id, type, error, payload)
     SELECT $1, u.seq, u.event_id, u.type, u.error, decode(u.payload, 'base64')
     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(seq, event_id, type, error, payload)
     ON CONFLICT ON CONSTRAINT projection_dead_letters_once DO NOTHING`,
    [
      projection,
      letters.map((l) => l.streamSequence),
      letters.map((l) => l.eventId),
      letters.map((l) => l.type),
      letters.map((l) => l.error.slice(0, 2000)),
      letters.map((l) => Buffer.from(l.payload).toString('base64')),
    ],
  );
}
