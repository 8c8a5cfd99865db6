// Runs an OutboxRelay that dies by SIGKILL right after JetStream acknowledged
// the first event, before the outbox row is marked published.
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../src/outbox-relay.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const dataSource = new DataSource({ type: 'postgres', url: env('RELAY_DATABASE_URL') });
await dataSource.initialize();
const nc = await connect({ servers: env('NATS_URL') });
const relay = new OutboxRelay({
  dataSource,
  schema: env('RELAY_SCHEMA'),
  js: jetstream(nc),
  subjectPrefix: env('RELAY_SUBJECT_PREFIX'),
  onPublished: () => {
    process.kill(process.pid, 'SIGKILL');
  },
});
await relay.publishPending();
throw new Error('the relay should have been killed after its first publish');
