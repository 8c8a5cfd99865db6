import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { pino, type Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { qualified } from '@opencheckout/event-store';
import { applyProjectionBatch } from './apply-projection-batch.js';
import { projectionTableSql } from './projection-schema.js';
import { lockProjection, readCheckpoint, writeCheckpoint } from './projection-store.js';
import { filterSubjectFor, type RowProjection } from './row-projection.js';

export interface RebuildProjectionParameters {
  dataSource: DataSource;
  schema: string;
  js: JetStreamClient;
  jsm: JetStreamManager;
  projection: RowProjection;
  streamName?: string;
  subjectPrefix?: string;
  batchSize?: number;
  /** Gives up when the replay consumer brings nothing new for this long before reaching the live checkpoint. */
  stallTimeoutMs?: number;
  logger?: Logger;
  /** Called after the unlocked catch-up, before the locked swap (tests use it to let the live table run ahead). */
  onCaughtUp?: (position: number) => Promise<void>;
}

export interface RebuildProjectionReturnType {
  /** Messages replayed from the stream. */
  events: number;
  /** The checkpoint the swapped-in table stands at. */
  position: number;
}

const nanosPerMilli = 1_000_000;

/**
 * Replays the stream from sequence 1 into a shadow table while the live
 * projection keeps serving, then, under the projection's advisory lock (which
 * every live batch takes), applies what is left, swaps the tables by rename and
 * moves the checkpoint, all in one transaction.
 */
export async function rebuildProjection(params: RebuildProjectionParameters): Promise<RebuildProjectionReturnType> {
  const { dataSource, schema, jsm, js, projection } = params;
  const streamName = params.streamName ?? 'EVENTS';
  const batchSize = params.batchSize ?? 512;
  const stallTimeoutMs = params.stallTimeoutMs ?? 30_000;
  const logger = (params.logger ?? pino({ level: 'info' })).child({
    context: 'rebuildProjection',
    schema,
    projection: projection.name,
  });
  const shadow = `${projection.table}__rebuild`;
  const shadowTable = qualified(schema, shadow);

  await dataSource.query(`DROP TABLE IF EXISTS ${shadowTable}`);
  for (const statement of projectionTableSql(schema, projection, shadow)) await dataSource.query(statement);

  // An ephemeral consumer without acks: the rebuild keeps its own position in memory.
  const info = await jsm.consumers.add(streamName, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    filter_subject: filterSubjectFor(projection, params.subjectPrefix ?? 'events'),
    inactive_threshold: 5 * 60_000 * nanosPerMilli,
  });
  const consumer = await js.consumers.get(streamName, info.name);
  let position = 0;
  let events = 0;

  // Asks for no more than the consumer has pending, so each fetch completes at once
  // and is read to its end (breaking off a fetch would drop what the server still
  // sends to it, and an ack-less consumer never sends those again).
  const fetchBatch = async (): Promise<JsMsg[]> => {
    const pending = (await consumer.info()).num_pending;
    if (pending === 0) return [];
    const messages = await consumer.fetch({ max_messages: Math.min(batchSize, pending), expires: 5_000 });
    const out: JsMsg[] = [];
    for await (const message of messages) out.push(message);
    return out;
  };
  const apply = async (manager: EntityManager, batch: JsMsg[]) => {
    const result = await applyProjectionBatch({
      manager,
      schema,
      projection,
      tableName: shadow,
      messages: batch.map((m) => ({ seq: m.seq, payload: m.data })),
      after: position,
    });
    position = result.position;
    events += batch.length;
  };

  try {
    // Catch up without holding the lock: the live runner goes on meanwhile.
    for (;;) {
      const batch = await fetchBatch();
      if (batch.length === 0) break;
      await dataSource.transaction((manager) => apply(manager, batch));
    }
    logger.info({ position, events }, 'caught up; swapping');
    await params.onCaughtUp?.(position);

    await dataSource.transaction(async (manager) => {
      await lockProjection(manager, schema, projection.name);
      const live = await readCheckpoint(manager, schema, projection.name);
      let lastProgress = Date.now();
      // The live table may be ahead of what the replay consumer delivered so far.
      while (position < live) {
        const batch = await fetchBatch();
        if (batch.length > 0) {
          await apply(manager, batch);
          lastProgress = Date.now();
        } else if (Date.now() - lastProgress > stallTimeoutMs) {
          throw new Error(`rebuild stalled at ${position} below the live checkpoint ${live}`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      const liveTable = qualified(schema, projection.table);
      await manager.query(`DROP TABLE IF EXISTS ${liveTable}`);
      await manager.query(`ALTER TABLE ${shadowTable} RENAME TO "${projection.table}"`);
      // Index names are per schema: give the shadow's their live names so the next rebuild can reuse its own.
      const indexes = (await manager.query(
        `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND starts_with(indexname, $3)`,
        [schema, projection.table, shadow],
      )) as { indexname: string }[];
      for (const { indexname } of indexes) {
        const renamed = projection.table + indexname.slice(shadow.length);
        await manager.query(`ALTER INDEX "${schema}"."${indexname}" RENAME TO "${renamed}"`);
      }
      position = Math.max(position, live);
      await writeCheckpoint(manager, schema, projection.name, position);
    });
  } finally {
    await jsm.consumers.delete(streamName, info.name).catch(() => undefined);
  }
  logger.info({ position, events }, 'rebuilt');
  return { events, position };
}
