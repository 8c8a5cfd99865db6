import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { eventStoreSchemaSql, PostgresEventStore, type NewEvent } from '@opencheckout/event-store';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { runTsChild } from '../test/run-ts.js';
import { summaryProjection, type SummaryRow } from '../test/summary-projection.fixture.js';
import { ensureEventsStream } from './ensure-events-stream.js';
import { decodeEventMessage } from './event-message.js';
import { OutboxRelay } from './outbox-relay.js';
import { ProjectionRunner } from './projection-runner.js';
import { projectionSchemaSql } from './projection-schema.js';
import { rebuildProjection } from './rebuild-projection.js';
import type { RowProjection } from './row-projection.js';

const schema = 'dashboard';
const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { occurredAt: '2026-11-22T00:00:00.000Z' } };
}

describe('ProjectionRunner', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let natsUrl: string;
  let store: PostgresEventStore;
  let relay: OutboxRelay;
  const streamName = uniqueName('EVENTS');
  const subjectPrefix = uniqueName('evt').toLowerCase();
  const live = summaryProjection('summaries', 'session_summaries');
  const twin = summaryProjection('summaries_twin', 'session_summaries_twin');
  const crash = summaryProjection('crash_summaries', 'crash_summaries');

  /** What folding every event on the stream once, in order, gives (unfoldable events skipped). */
  async function expectedRows(projection: RowProjection<SummaryRow>): Promise<SummaryRow[]> {
    const info = await jsm.streams.info(streamName);
    const stream = await js.streams.get(streamName);
    const rows = new Map<string, SummaryRow | null>();
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await stream.getMessage({ seq });
      if (!message) continue;
      const e = decodeEventMessage(message.data);
      if (!projection.handles.includes(e.type)) continue;
      const key = projection.key(e)!;
      try {
        rows.set(key, projection.evolve(rows.get(key) ?? null, e));
      } catch {
        // dead-lettered by the runner
      }
    }
    return [...rows.values()]
      .filter((row): row is SummaryRow => row !== null)
      .sort((a, b) => (a.session_id < b.session_id ? -1 : 1));
  }

  async function tableRows(table: string): Promise<SummaryRow[]> {
    return (await dataSource.query(`SELECT * FROM ${schema}.${table} ORDER BY session_id COLLATE "C"`)) as SummaryRow[];
  }

  async function checkpoint(name: string): Promise<number> {
    const rows = (await dataSource.query(`SELECT position::int AS p FROM ${schema}.projection_checkpoints WHERE name = $1`, [
      name,
    ])) as { p: number }[];
    return rows[0]?.p ?? 0;
  }

  async function lastSeq(): Promise<number> {
    return (await jsm.streams.info(streamName)).state.last_seq;
  }

  async function appendSessions(count: number, opts: { expireEvery?: number } = {}): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const streamId = `session-${randomUUID()}`;
      await store.appendToStream(streamId, [event('session.created', { amount: `${10n ** 20n + BigInt(i)}` })], {
        expectedVersion: 'no_stream',
      });
      await store.appendToStream(streamId, [event('session.detected'), event('session.paid')], { expectedVersion: 1 });
      if (opts.expireEvery && i % opts.expireEvery === 0) {
        await store.appendToStream(streamId, [event('session.expired')], { expectedVersion: 3 });
      }
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: 20 } });
    await dataSource.initialize();
    for (const statement of [...eventStoreSchemaSql(schema), ...projectionSchemaSql(schema, [live, twin, crash])]) {
      await dataSource.query(statement);
    }
    store = new PostgresEventStore({ dataSource, schema, subjectPrefix });
    natsUrl = await testNatsUrl();
    nc = await connect({ servers: natsUrl });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await ensureEventsStream(jsm, { name: streamName, subjectPrefix, storage: 'memory' });
    relay = new OutboxRelay({ dataSource, schema, js, subjectPrefix, logger: silent });
  });

  afterAll(async () => {
    await relay?.stop();
    await jsm?.streams.delete(streamName).catch(() => undefined);
    await nc?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leaves the projection unchanged when a consumer dies after commit and before ack', async () => {
    await appendSessions(4, { expireEvery: 3 });
    await relay.publishPending();
    const service = uniqueName('svc').toLowerCase();
    const ackWaitMs = 1_500;

    const child = await runTsChild('projection-child.ts', {
      CHILD_DATABASE_URL: db.url,
      NATS_URL: natsUrl,
      CHILD_SCHEMA: schema,
      CHILD_SERVICE: service,
      CHILD_PROJECTION: crash.name,
      CHILD_TABLE: crash.table,
      CHILD_STREAM: streamName,
      CHILD_SUBJECT_PREFIX: subjectPrefix,
      CHILD_ACK_WAIT_MS: String(ackWaitMs),
    });
    expect({ signal: child.signal, output: child.signal ? '' : child.output }).toEqual({ signal: 'SIGKILL', output: '' });
    const committed = await checkpoint(crash.name);
    expect(committed).toBeGreaterThan(0);
    const durable = `${service}_${crash.name}`;
    // The committed batch was never acked.
    expect((await jsm.consumers.info(streamName, durable)).num_ack_pending).toBeGreaterThan(0);

    const runner = new ProjectionRunner({
      dataSource, schema, js, jsm, service, projections: [crash], streamName, subjectPrefix, ackWaitMs, logger: silent,
    });
    await runner.start();
    try {
      const target = await lastSeq();
      await waitFor(async () => {
        const info = await jsm.consumers.info(streamName, durable);
        const done = info.num_ack_pending === 0 && info.num_pending === 0 && info.ack_floor.stream_seq === target;
        return done && (await checkpoint(crash.name)) === target ? info : undefined;
      }, 'the restarted runner to ack everything');
      const info = await jsm.consumers.info(streamName, durable);
      // The unacked batch really came back (deliveries exceed the messages on the stream).
      expect(info.delivered.consumer_seq).toBeGreaterThan(target);
      expect(await tableRows(crash.table)).toEqual(await expectedRows(crash));
      expect((await tableRows(crash.table)).every((row) => row.events === row.history.length)).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('dead-letters a poison event and keeps folding the ones after it', async () => {
    const runner = new ProjectionRunner({
      dataSource, schema, js, jsm, service: uniqueName('svc').toLowerCase(), projections: [live], streamName, subjectPrefix,
      logger: silent,
    });
    await runner.start();
    try {
      const poisoned = `session-${randomUUID()}`;
      await store.appendToStream(poisoned, [event('session.created', { amount: '5' })], { expectedVersion: 'no_stream' });
      const { globalPositions } = await store.appendToStream(poisoned, [event('session.detected', { poison: true })], {
        expectedVersion: 1,
      });
      await store.appendToStream(poisoned, [event('session.paid')], { expectedVersion: 2 });
      const after = `session-${randomUUID()}`;
      await store.appendToStream(after, [event('session.created', { amount: '7' })], { expectedVersion: 'no_stream' });
      await relay.publishPending();
      const poisonEvent = (await store.readStream(poisoned))[1]!;
      expect(poisonEvent.globalPosition).toBe(globalPositions[0]);

      const target = await lastSeq();
      await waitFor(async () => ((await checkpoint(live.name)) === target ? true : undefined), 'the checkpoint to reach the end');
      const letters = (await dataSource.query(
        `SELECT projection, stream_sequence::int AS seq, event_id, type, error, convert_from(payload, 'UTF8') AS payload
         FROM ${schema}.projection_dead_letters WHERE projection = $1`,
        [live.name],
      )) as { projection: string; seq: number; event_id: string; type: string; error: string; payload: string }[];
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ event_id: poisonEvent.eventId, type: 'session.detected' });
      expect(letters[0]!.error).toMatch(/cannot fold this event/);
      expect(decodeEventMessage(letters[0]!.payload).eventId).toBe(poisonEvent.eventId);

      const rows = await tableRows(live.table);
      expect(rows.find((r) => r.session_id === poisoned)).toMatchObject({ status: 'paid', events: 2, history: ['session.created', 'session.paid'] });
      expect(rows.find((r) => r.session_id === after)).toMatchObject({ status: 'pending', amount: '7' });
      expect(rows).toEqual(await expectedRows(live));
    } finally {
      await runner.stop();
    }
  });

  it('redelivers in order after a fault that is not the events\' (table missing), without dead letters', async () => {
    const late = summaryProjection('late_summaries', 'late_summaries');
    const service = uniqueName('svc').toLowerCase();
    const runner = new ProjectionRunner({
      dataSource, schema, js, jsm, service, projections: [late], streamName, subjectPrefix, nakDelayMs: 200, batchSize: 8,
      logger: silent,
    });
    await runner.start();
    try {
      await appendSessions(6, { expireEvery: 4 });
      await relay.publishPending();
      const durable = `${service}_${late.name}`;
      const target = await lastSeq();
      // Batches keep coming back while the table is missing.
      await waitFor(async () => {
        const info = await jsm.consumers.info(streamName, durable);
        return info.num_redelivered > 0 && info.delivered.consumer_seq > target ? true : undefined;
      }, 'redeliveries');
      expect(await checkpoint(late.name)).toBe(0);

      for (const statement of projectionSchemaSql(schema, [late])) await dataSource.query(statement);
      await waitFor(async () => ((await checkpoint(late.name)) === target ? true : undefined), 'the projection to catch up');
      // The missing table was retried, not blamed on events (only a poison event of another test may be a dead letter).
      const letters = (await dataSource.query(
        `SELECT error FROM ${schema}.projection_dead_letters WHERE projection = $1`,
        [late.name],
      )) as { error: string }[];
      expect(letters.filter((l) => !/cannot fold this event/.test(l.error))).toEqual([]);
      // history lists each session's events in order: any reordering or double fold would show.
      expect(await tableRows(late.table)).toEqual(await expectedRows(late));
    } finally {
      await runner.stop();
    }
  });

  it('rebuilds a projection while it serves and ends equal to the live one', async () => {
    const service = uniqueName('svc').toLowerCase();
    const runner = new ProjectionRunner({
      dataSource, schema, js, jsm, service, projections: [live, twin], streamName, subjectPrefix, batchSize: 32, logger: silent,
    });
    await runner.start();
    relay.start();
    try {
      await appendSessions(20, { expireEvery: 4 });
      await waitFor(async () => ((await checkpoint(twin.name)) === (await lastSeq()) ? true : undefined), 'the twin to catch up');
      // Damage the live twin: only a replay from the log can repair it.
      await dataSource.query(`UPDATE ${schema}.${twin.table} SET events = 999, status = 'bogus'`);

      let reads = 0;
      let readErrors = 0;
      let writing = true;
      const reader = (async () => {
        while (writing) {
          try {
            await dataSource.query(`SELECT count(*) FROM ${schema}.${twin.table}`);
            reads += 1;
          } catch {
            readErrors += 1;
          }
        }
      })();
      const writer = appendSessions(40, { expireEvery: 5 });
      let liveAheadAtSwap = 0;
      const rebuilt = await rebuildProjection({
        dataSource, schema, js, jsm, projection: twin, streamName, subjectPrefix, batchSize: 64, logger: silent,
        // Let the live table run ahead of the replay: the swap must fold the rest under the lock.
        onCaughtUp: async (position) => {
          await writer;
          await appendSessions(3);
          await waitFor(async () => {
            const seq = await lastSeq();
            return (await checkpoint(twin.name)) === seq && seq > position ? seq : undefined;
          }, 'the live twin to run ahead of the rebuild');
          liveAheadAtSwap = (await checkpoint(twin.name)) - position;
        },
      });
      expect(liveAheadAtSwap).toBeGreaterThan(0);
      const target = await waitFor(async () => {
        const seq = await lastSeq();
        const [a, b] = [await checkpoint(live.name), await checkpoint(twin.name)];
        return a === seq && b === seq && (await relay.publishPending()) === 0 ? seq : undefined;
      }, 'both projections to reach the end of the stream');
      writing = false;
      await reader;

      expect(rebuilt.events).toBeGreaterThan(0);
      expect(rebuilt.position).toBeLessThanOrEqual(target);
      expect(readErrors).toBe(0);
      expect(reads).toBeGreaterThan(0);
      const liveRows = await tableRows(live.table);
      expect(await tableRows(twin.table)).toEqual(liveRows);
      expect(liveRows).toEqual(await expectedRows(live));
      const [shadow] = (await dataSource.query(`SELECT to_regclass($1) AS t`, [`${schema}.${twin.table}__rebuild`])) as [{ t: string | null }];
      expect(shadow.t).toBeNull();
      // A second rebuild reuses the same names (indexes were renamed on swap).
      await rebuildProjection({ dataSource, schema, js, jsm, projection: twin, streamName, subjectPrefix, logger: silent });
      expect(await tableRows(twin.table)).toEqual(liveRows);
    } finally {
      await relay.stop();
      await runner.stop();
    }
  });
});
