// The floor under the gateway's create-session path, with no framework: one
// NATS request-reply round trip whose responder makes one Postgres append
// transaction (PostgresEventStore.appendToStream, outbox row included) on a
// scratch schema, driven at the gateway run's concurrency for the same time.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { eventStoreSchemaSql, PostgresEventStore } from '@opencheckout/event-store';
import { percentile } from './step-runner.js';

export interface FloorLoadResult {
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ops: number;
  failures: number;
}

export async function floorLoad(options: { databaseUrl: string; natsUrl: string; concurrency: number; seconds: number; poolSize: number }): Promise<FloorLoadResult> {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_floor_${tag}`;
  const subject = `bench_floor_${tag}.create`;
  const dataSource = new DataSource({ type: 'postgres', url: options.databaseUrl, extra: { max: options.poolSize } });
  await dataSource.initialize();
  const server = await connect({ servers: options.natsUrl });
  const client = await connect({ servers: options.natsUrl });
  try {
    for (const statement of eventStoreSchemaSql(schema)) await dataSource.query(statement);
    const store = new PostgresEventStore({ dataSource, schema, subjectPrefix: `bench_floor_${tag}`, logger: pino({ level: 'silent' }) });
    const encoder = new TextEncoder();
    server.subscribe(subject, {
      callback: (error, message) => {
        if (error) return;
        const sessionId = `cs_floor_${randomUUID().replace(/-/g, '')}`;
        store
          .appendToStream(
            `session-${sessionId}`,
            [{ type: 'session.created', data: { sessionId, amountDueAtomic: '25000000' }, metadata: { occurredAt: new Date().toISOString() } }],
            { expectedVersion: 0 },
          )
          .then(
            () => message.respond(encoder.encode(JSON.stringify({ id: sessionId }))),
            (failure: unknown) => message.respond(encoder.encode(JSON.stringify({ error: String(failure) }))),
          );
      },
    });
    await server.flush();

    const latencies: number[] = [];
    let failures = 0;
    const body = encoder.encode(JSON.stringify({ amount: { value: '25.00', currency: 'USD' } }));
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          try {
            const reply = await client.request(subject, body, { timeout: 10_000 });
            if (reply.string().includes('"error"')) failures += 1;
            else latencies.push(performance.now() - sent);
          } catch {
            failures += 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      opsPerSec: Math.round(latencies.length / elapsed),
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      ops: latencies.length,
      failures,
    };
  } finally {
    await client.close();
    await server.drain().catch(() => undefined);
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await dataSource.destroy();
  }
}
