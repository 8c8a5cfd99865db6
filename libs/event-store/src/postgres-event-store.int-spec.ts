import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConcurrencyError } from '@opencheckout/errors';
import { createTestDatabase, type TestDatabase } from '@opencheckout/testing';
import { createEventStoreMigration, eventStoreSchemaSql } from './event-store-schema.js';
import type { NewEvent } from './event-store.types.js';
import { PostgresEventStore } from './postgres-event-store.js';

const schema = 'session';

function event(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { type, data, metadata: { occurredAt: '2026-11-22T00:00:00.000Z', merchantId: 'mer_1', livemode: false } };
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

describe('PostgresEventStore', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: 20 } });
    await dataSource.initialize();
    for (const statement of eventStoreSchemaSql(schema)) await dataSource.query(statement);
    // Running the DDL twice is harmless: migrations may re-run it.
    for (const statement of eventStoreSchemaSql(schema)) await dataSource.query(statement);
    store = new PostgresEventStore({ dataSource, schema });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('appends in version order, fills ids, and writes one outbox row per event', async () => {
    const streamId = `session-${randomUUID()}`;
    const first = await store.appendToStream(streamId, [event('session.created', { amount: '100' })], {
      expectedVersion: 'no_stream',
    });
    expect(first.nextExpectedVersion).toBe(1);
    const second = await store.appendToStream(streamId, [event('session.detected'), event('session.paid')], {
      expectedVersion: 1,
    });
    expect(second.nextExpectedVersion).toBe(3);
    expect(second.globalPositions).toHaveLength(2);
    expect(second.globalPositions[1]).toBe(second.globalPositions[0]! + 1n);

    const events = await store.readStream(streamId);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'session.created'],
      [2, 'session.detected'],
      [3, 'session.paid'],
    ]);
    expect(events[0]!.streamType).toBe('session');
    expect(events[0]!.data).toEqual({ amount: '100' });
    expect(events[0]!.metadata.correlationId).toBe(events[0]!.eventId);
    expect(events[0]!.metadata.merchantId).toBe('mer_1');
    expect(events[0]!.globalPosition).toBe(first.globalPositions[0]);
    // Positions follow versions within one append.
    expect(events.slice(1).map((e) => e.globalPosition)).toEqual(second.globalPositions);

    const outbox = (await dataSource.query(
      `SELECT global_position::text AS position, event_id, subject, published_at FROM session.outbox
       WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`,
      [events.map((e) => e.eventId)],
    )) as { position: string; event_id: string; subject: string; published_at: Date | null }[];
    expect(outbox.map((row) => [BigInt(row.position), row.event_id, row.subject, row.published_at])).toEqual(
      events.map((e) => [e.globalPosition, e.eventId, `events.${e.type}`, null]),
    );
  });

  it('rejects a stale expected version with ConcurrencyError', async () => {
    const streamId = `session-${randomUUID()}`;
    await store.appendToStream(streamId, [event('session.created')], { expectedVersion: 'no_stream' });
    await expect(
      store.appendToStream(streamId, [event('session.paid')], { expectedVersion: 'no_stream' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.appendToStream(streamId, [event('session.paid')], { expectedVersion: 0 })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(store.appendToStream(streamId, [event('session.paid')], { expectedVersion: 5 })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    const any = await store.appendToStream(streamId, [event('session.paid')], { expectedVersion: 'any' });
    expect(any.nextExpectedVersion).toBe(2);
  });

  it('lets exactly one of many concurrent appends at the same version win', async () => {
    const streamId = `session-${randomUUID()}`;
    await store.appendToStream(streamId, [event('session.created')], { expectedVersion: 'no_stream' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.appendToStream(streamId, [event('session.detected', { attempt: i })], { expectedVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const loss of lost) expect(loss.reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream(streamId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('turns the unique-constraint race into ConcurrencyError when both passed the version check', async () => {
    const streamId = `session-${randomUUID()}`;
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // The first append holds version 1 uncommitted; the second reads version 0 and blocks on the index.
      await store.appendToStream(streamId, [event('session.created', { who: 'first' })], {
        expectedVersion: 'no_stream',
        manager: runner.manager,
      });
      const second = store.appendToStream(streamId, [event('session.created', { who: 'second' })], {
        expectedVersion: 'no_stream',
      });
      const outcome = second.then(
        () => 'won',
        (error: unknown) => error,
      );
      await waitFor(async () => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as [{ n: number }];
        return row.n > 0 ? true : undefined;
      }, 'the second append to block');
      await runner.commitTransaction();
      expect(await outcome).toBeInstanceOf(ConcurrencyError);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([{ who: 'first' }]);
  });

  it('appends inside the caller transaction and rolls back with it', async () => {
    const streamId = `session-${randomUUID()}`;
    await expect(
      dataSource.transaction(async (manager) => {
        await store.appendToStream(streamId, [event('session.created')], { expectedVersion: 'no_stream', manager });
        expect(await store.readStream(streamId, { manager })).toHaveLength(1);
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    expect(await store.readStream(streamId)).toEqual([]);
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM session.outbox o JOIN session.events e USING (global_position) WHERE e.stream_id = $1`,
      [streamId],
    )) as [{ n: number }];
    expect(row.n).toBe(0);
  });

  it('never lets readAll skip an event whose transaction commits after a later one', async () => {
    const start = await store.readAll({ after: 0n, limit: 100_000 });
    const after = start.length > 0 ? start[start.length - 1]!.globalPosition : 0n;
    await waitFor(async () => ((await store.readAll({ after, limit: 10 })).length === 0 ? true : undefined), 'a quiet log');

    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      const tx1 = await store.appendToStream(`session-${randomUUID()}`, [event('session.created', { tx: 1 })], {
        expectedVersion: 'no_stream',
        manager: slow.manager,
      });
      const tx2 = await store.appendToStream(`session-${randomUUID()}`, [event('session.created', { tx: 2 })], {
        expectedVersion: 'no_stream',
      });
      const n = tx1.globalPositions[0]!;
      expect(tx2.globalPositions[0]).toBe(n + 1n);

      // tx2 is committed, yet neither event may be read while tx1 is open.
      expect(await store.readAll({ after, limit: 10 })).toEqual([]);

      await slow.commitTransaction();
      const read = await waitFor(async () => {
        const events = await store.readAll({ after, limit: 10 });
        return events.length >= 2 ? events : undefined;
      }, 'both events after tx1 commits');
      expect(read.map((e) => [e.globalPosition, e.data])).toEqual([
        [n, { tx: 1 }],
        [n + 1n, { tx: 2 }],
      ]);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });

  it('refuses to update, delete or truncate events', async () => {
    const streamId = `session-${randomUUID()}`;
    await store.appendToStream(streamId, [event('session.created', { v: 1 })], { expectedVersion: 'no_stream' });
    await expect(
      dataSource.query(`UPDATE session.events SET data = '{"v":2}' WHERE stream_id = $1`, [streamId]),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM session.events WHERE stream_id = $1`, [streamId])).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`TRUNCATE session.events CASCADE`)).rejects.toThrow(/append-only/);
    expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([{ v: 1 }]);
  });

  it.each(['in-transaction', 'after-commit'] as const)('notifies the relay channel when an append commits (%s)', async (notify) => {
    const notifying = new PostgresEventStore({ dataSource, schema, notify });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const notified = new Promise<string>((resolve) => client.on('notification', (n) => resolve(n.channel)));
      await client.query('LISTEN session_outbox');
      await notifying.appendToStream(`session-${randomUUID()}`, [event('session.created')], { expectedVersion: 'no_stream' });
      expect(await notified).toBe('session_outbox');
    } finally {
      await client.end();
    }
  });

  it('does not notify for an append that did not commit', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      let notifications = 0;
      client.on('notification', () => (notifications += 1));
      await client.query('LISTEN session_outbox');
      await expect(
        dataSource.transaction(async (manager) => {
          await store.appendToStream(`session-${randomUUID()}`, [event('session.created')], { expectedVersion: 'no_stream', manager });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      // A committed append after it is the first thing the listener hears.
      const heard = new Promise<void>((resolve) => client.on('notification', () => resolve()));
      await store.appendToStream(`session-${randomUUID()}`, [event('session.created')], { expectedVersion: 'no_stream' });
      await heard;
      expect(notifications).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('installs and removes the store through a TypeORM migration', async () => {
    const migrated = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: [createEventStoreMigration('watcher')],
      migrationsTableName: 'watcher_migrations',
    });
    await migrated.initialize();
    try {
      expect((await migrated.runMigrations()).map((m) => m.name)).toEqual([expect.stringMatching(/^EventStore_watcher\d{13}$/)]);
      const watcherStore = new PostgresEventStore({ dataSource: migrated, schema: 'watcher' });
      const { nextExpectedVersion } = await watcherStore.appendToStream('chain-1', [event('chain.block_seen')], {
        expectedVersion: 'no_stream',
      });
      expect(nextExpectedVersion).toBe(1);
      await migrated.undoLastMigration();
      const [row] = (await migrated.query(`SELECT to_regclass('watcher.events') AS t`)) as [{ t: string | null }];
      expect(row.t).toBeNull();
    } finally {
      await migrated.destroy();
    }
  });

  it('rejects event types that cannot be subjects', async () => {
    await expect(
      store.appendToStream(`session-${randomUUID()}`, [event('Session Created')], { expectedVersion: 'any' }),
    ).rejects.toThrow(/Invalid event type/);
  });
});
