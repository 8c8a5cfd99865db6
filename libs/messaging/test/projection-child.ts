// Runs a ProjectionRunner that dies by SIGKILL right after its first batch
// committed, before any message of it is acked.
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../src/projection-runner.js';
import { summaryProjection } from './summary-projection.fixture.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const dataSource = new DataSource({ type: 'postgres', url: env('CHILD_DATABASE_URL') });
await dataSource.initialize();
const nc = await connect({ servers: env('NATS_URL') });
const runner = new ProjectionRunner({
  dataSource,
  schema: env('CHILD_SCHEMA'),
  js: jetstream(nc),
  jsm: await jetstreamManager(nc),
  service: env('CHILD_SERVICE'),
  projections: [summaryProjection(env('CHILD_PROJECTION'), env('CHILD_TABLE'))],
  streamName: env('CHILD_STREAM'),
  subjectPrefix: env('CHILD_SUBJECT_PREFIX'),
  ackWaitMs: Number(env('CHILD_ACK_WAIT_MS')),
  logger: pino({ level: 'silent' }),
  onCommitted: () => {
    process.kill(process.pid, 'SIGKILL');
  },
});
await runner.start();
setTimeout(() => {
  process.stderr.write('no batch committed within 20 s\n');
  process.exit(3);
}, 20_000);
