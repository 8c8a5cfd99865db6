// Measures event-store appends per second and replay-into-projection events per
// second against real Postgres and NATS. Run directly:
//   DATABASE_URL=… NATS_URL=… node --conditions=@opencheckout/source \
//     --import ./libs/messaging/test/register-swc.mjs libs/messaging/bench/bench-event-store.ts
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { eventStoreSchemaSql, PostgresEventStore } from '@opencheckout/event-store';
import { createTestDatabase, testNatsUrl, uniqueName } from '@opencheckout/testing';
import { ensureEventsStream } from '../src/ensure-events-stream.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { ProjectionRunner } from '../src/projection-runner.js';
import { projectionSchemaSql } from '../src/projection-schema.js';
import { summaryProjection } from '../test/summary-projection.fixture.js';

export interface BenchEventStoreOptions {
  /** Events appended (in streams of 4: created, detected, detected, paid). Default 20,000. */
  events?: number;
  /** Concurrent appenders, each on its own streams. Default 8. */
  concurrency?: number;
  /** Projection batch size. Default 256. */
  batchSize?: number;
  /** The event store's relay wake-up mode (see PostgresEventStoreOptions.notify). */
  notify?: 'in-transaction' | 'after-commit';
}

export interface BenchEventStoreResult {
  appendPerSec: number;
  replayPerSec: number;
  events: number;
  /** Outbox relay throughput (publish + PubAck + mark), for reference. */
  publishPerSec: number;
}

const silent = pino({ level: 'silent' });
const perStream = ['session.created', 'session.detected', 'session.detected', 'session.paid'];

export async function benchEventStore(opts: BenchEventStoreOptions = {}): Promise<BenchEventStoreResult> {
  const concurrency = opts.concurrency ?? 8;
  const streams = Math.ceil((opts.events ?? 20_000) / perStream.length);
  const events = streams * perStream.length;
  const schema = 'bench';
  const db = await createTestDatabase('oc_bench');
  const dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: concurrency + 4 } });
  await dataSource.initialize();
  const nc = await connect({ servers: await testNatsUrl() });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const streamName = uniqueName('BENCH');
  const subjectPrefix = uniqueName('bench').toLowerCase();
  const projection = summaryProjection('summaries', 'session_summaries');
  try {
    for (const statement of [...eventStoreSchemaSql(schema), ...projectionSchemaSql(schema, [projection])]) {
      await dataSource.query(statement);
    }
    await ensureEventsStream(jsm, { name: streamName, subjectPrefix });
    const store = new PostgresEventStore({ dataSource, schema, subjectPrefix, logger: silent, notify: opts.notify });

    let next = 0;
    const appendStart = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < streams) {
          next += 1;
          const streamId = `session-${randomUUID()}`;
          for (let version = 0; version < perStream.length; version += 1) {
            await store.appendToStream(
              streamId,
              [{ type: perStream[version]!, data: { amount: '1000000000000000000' }, metadata: { occurredAt: new Date().toISOString() } }],
              { expectedVersion: version },
            );
          }
        }
      }),
    );
    const appendSeconds = (performance.now() - appendStart) / 1000;

    const relay = new OutboxRelay({ dataSource, schema, js, subjectPrefix, batchSize: 1000, logger: silent });
    const publishStart = performance.now();
    const published = await relay.publishPending();
    const publishSeconds = (performance.now() - publishStart) / 1000;
    if (published !== events) throw new Error(`published ${published} of ${events}`);

    const runner = new ProjectionRunner({
      dataSource,
      schema,
      js,
      jsm,
      service: 'bench',
      projections: [projection],
      streamName,
      subjectPrefix,
      batchSize: opts.batchSize ?? 256,
      logger: silent,
    });
    const lastSeq = (await jsm.streams.info(streamName)).state.last_seq;
    const replayStart = performance.now();
    await runner.start();
    for (;;) {
      const [row] = (await dataSource.query(`SELECT coalesce(max(position), 0)::int AS p FROM ${schema}.projection_checkpoints`)) as [
        { p: number },
      ];
      if (row.p >= lastSeq) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const replaySeconds = (performance.now() - replayStart) / 1000;
    await runner.stop();

    return {
      events,
      appendPerSec: Math.round(events / appendSeconds),
      publishPerSec: Math.round(events / publishSeconds),
      replayPerSec: Math.round(events / replaySeconds),
    };
  } finally {
    await jsm.streams.delete(streamName).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const events = Number(process.env.BENCH_EVENTS ?? 20_000);
  for (const notify of ['in-transaction', 'after-commit'] as const) {
    const result = await benchEventStore({ events, notify });
    process.stdout.write(`${JSON.stringify({ notify, ...result })}\n`);
  }
}
