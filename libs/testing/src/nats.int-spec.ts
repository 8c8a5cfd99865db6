import { describe, it, expect } from '@jest/globals';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { testNatsUrl } from './nats.js';
import { uniqueName } from './ids.js';

describe('testNatsUrl', () => {
  it('points at a server with JetStream where a uniquely named stream round-trips a message', async () => {
    const nc = await connect({ servers: await testNatsUrl() });
    const stream = uniqueName('TESTING');
    const subject = `${stream.toLowerCase()}.hello`;
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`] });
      const ack = await jetstream(nc).publish(subject, 'hi', { msgID: 'one' });
      const dup = await jetstream(nc).publish(subject, 'hi', { msgID: 'one' });
      expect(ack.seq).toBe(1);
      expect(dup.duplicate).toBe(true);
      const stored = await jsm.streams.getMessage(stream, { seq: 1 });
      expect(stored?.string()).toBe('hi');
      await jsm.streams.delete(stream);
    } finally {
      await nc.close();
    }
  });
});

describe('uniqueName', () => {
  it('never repeats across many calls', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('s')));
    expect(names.size).toBe(1000);
  });
});
