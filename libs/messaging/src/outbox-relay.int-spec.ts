import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { eventStoreSchemaSql, PostgresEventStore, type NewEvent } from '@opencheckout/event-store';
import { createTestDatabase, testNatsUrl, uniqueName, type TestDatabase } from '@opencheckout/testing';
import { runTsChild } from '../test/run-ts.js';
import { decodeEventMessage } from './event-message.js';
import { ensureEventsStream } from './ensure-events-stream.js';
import { OutboxRelay } from './outbox-relay.js';

const schema = 'session';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { occurredAt: '2026-11-22T00:00:00.000Z' } };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OutboxRelay', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let natsUrl: string;
  const streamName = uniqueName('EVENTS');
  const subjectPrefix = uniqueName('evt').toLowerCase();
  let store: PostgresEventStore;

  /** Every message on the stream, decoded, in stream order. */
  async function streamMessages() {
    const info = await jsm.streams.info(streamName);
    const stream = await js.streams.get(streamName);
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
      const message = await stream.getMessage({ seq });
      if (message) out.push({ seq, msgId: message.header?.get('Nats-Msg-Id'), subject: message.subject, event: decodeEventMessage(message.data) });
    }
    return out;
  }

  async function unpublished(): Promise<number> {
    const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM session.outbox WHERE published_at IS NULL`)) as [
      { n: number },
    ];
    return row.n;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    for (const statement of eventStoreSchemaSql(schema)) await dataSource.query(statement);
    store = new PostgresEventStore({ dataSource, schema, subjectPrefix });
    natsUrl = await testNatsUrl();
    nc = await connect({ servers: natsUrl });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    const info = await ensureEventsStream(jsm, { name: streamName, subjectPrefix, storage: 'memory' });
    expect(info.config.duplicate_window).toBe(120_000 * 1_000_000);
  });

  afterAll(async () => {
    await jsm?.streams.delete(streamName).catch(() => undefined);
    await nc?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('publishes a killed relay\'s event exactly once after another relay takes over', async () => {
    const streamId = `session-${randomUUID()}`;
    await store.appendToStream(streamId, [event('session.created'), event('session.detected'), event('session.paid')], {
      expectedVersion: 'no_stream',
    });
    const stored = await store.readStream(streamId);

    const child = await runTsChild('relay-child.ts', {
      RELAY_DATABASE_URL: db.url,
      NATS_URL: natsUrl,
      RELAY_SCHEMA: schema,
      RELAY_SUBJECT_PREFIX: subjectPrefix,
    });
    expect({ signal: child.signal, output: child.signal ? '' : child.output }).toEqual({ signal: 'SIGKILL', output: '' });
    // The first event reached the stream, yet its outbox row still says unpublished.
    expect((await streamMessages()).map((m) => m.msgId)).toEqual([stored[0]!.eventId]);
    expect(await unpublished()).toBe(3);

    const relay = new OutboxRelay({ dataSource, schema, js, subjectPrefix, logger });
    expect(await relay.publishPending()).toBe(3);
    expect(await unpublished()).toBe(0);

    const messages = await streamMessages();
    expect(messages.map((m) => m.msgId)).toEqual(stored.map((e) => e.eventId));
    expect(messages.map((m) => m.subject)).toEqual(stored.map((e) => `${subjectPrefix}.${e.type}`));
    expect(messages.map((m) => m.event)).toEqual(
      stored.map(({ streamType: _t, recordedAt: _r, ...rest }) => rest),
    );
  });

  it('wakes on notify, publishes in global order, and republishes without duplicates', async () => {
    const before = (await streamMessages()).length;
    const relay = new OutboxRelay({ dataSource, schema, js, subjectPrefix, pollIntervalMs: 60_000, logger });
    relay.start();
    try {
      const streams = [`session-${randomUUID()}`, `session-${randomUUID()}`];
      for (let i = 0; i < 5; i += 1) {
        for (const streamId of streams) {
          await store.appendToStream(streamId, [event(i === 0 ? 'session.created' : 'session.detected', { i })], {
            expectedVersion: i,
          });
        }
      }
      // The poll interval is a minute: only the notification can deliver this fast.
      const messages = await waitFor(async () => {
        const all = await streamMessages();
        return all.length >= before + 10 ? all : undefined;
      }, 'the relay to publish ten events');
      const fresh = messages.slice(before);
      expect(fresh).toHaveLength(10);
      const positions = fresh.map((m) => m.event.globalPosition);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      for (const streamId of streams) {
        expect(fresh.filter((m) => m.event.streamId === streamId).map((m) => m.event.version)).toEqual([1, 2, 3, 4, 5]);
      }
      await waitFor(async () => ((await unpublished()) === 0 ? true : undefined), 'outbox rows to be marked');

      // Broker-loss recovery re-sends everything; the msg-id window drops what the stream has.
      expect(await relay.republishFrom(1n)).toBe(before + 10);
      expect(await streamMessages()).toHaveLength(before + 10);
    } finally {
      await relay.stop();
    }
  });

  it('lets only one of two relays publish at a time', async () => {
    const a = new OutboxRelay({ dataSource, schema, js, subjectPrefix, leaderRetryMs: 100, logger });
    const b = new OutboxRelay({ dataSource, schema, js, subjectPrefix, leaderRetryMs: 100, logger });
    a.start();
    b.start();
    try {
      await waitFor(async () => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )) as [{ n: number }];
        return row.n === 1 ? true : undefined;
      }, 'one relay to hold the lock');
      const before = (await streamMessages()).length;
      await store.appendToStream(`session-${randomUUID()}`, [event('session.created')], { expectedVersion: 'no_stream' });
      await waitFor(async () => ((await streamMessages()).length === before + 1 ? true : undefined), 'the event');
      await a.stop();
      // b takes over.
      await store.appendToStream(`session-${randomUUID()}`, [event('session.created')], { expectedVersion: 'no_stream' });
      await waitFor(async () => ((await streamMessages()).length === before + 2 ? true : undefined), 'the event from b');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
