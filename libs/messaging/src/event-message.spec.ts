import { describe, expect, it } from '@jest/globals';
import { decodeEventMessage, encodeEventMessage } from './event-message.js';
import { InvalidEventMessageError } from './invalid-event-message.error.js';

const event = {
  eventId: '7a8c5f0e-2b44-4a61-9d0f-2f1f3e7b9c10',
  type: 'session.created',
  schemaVersion: 1,
  streamId: 'session-cs_1',
  version: 1,
  globalPosition: 9007199254740993n,
  occurredAt: '2026-11-22T00:00:00.000Z',
  metadata: {
    eventId: '7a8c5f0e-2b44-4a61-9d0f-2f1f3e7b9c10',
    correlationId: 'corr',
    merchantId: 'mer_1',
    livemode: false,
    occurredAt: '2026-11-22T00:00:00.000Z',
  },
  data: { amount: '1000000000000000000000', lineItems: [{ name: 'x' }] },
};

describe('event message wire format', () => {
  it('round-trips, keeping positions beyond 2^53 exact', () => {
    const encoded = encodeEventMessage(event, 'events');
    expect(encoded.subject).toBe('events.session.created');
    expect(encoded.msgId).toBe(event.eventId);
    const json = JSON.parse(new TextDecoder().decode(encoded.body)) as Record<string, unknown>;
    expect(json.globalPosition).toBe('9007199254740993');
    expect(decodeEventMessage(encoded.body)).toEqual(event);
  });

  it.each([
    ['not json', 'nope'],
    ['an array', '[]'],
    ['missing eventId', JSON.stringify({ ...event, globalPosition: '1', eventId: undefined })],
    ['a numeric position', JSON.stringify({ ...event, globalPosition: 1 })],
    ['a zero version', JSON.stringify({ ...event, globalPosition: '1', version: 0 })],
    ['data that is not an object', JSON.stringify({ ...event, globalPosition: '1', data: 'x' })],
    ['metadata of another event', JSON.stringify({ ...event, globalPosition: '1', metadata: { ...event.metadata, eventId: 'x' } })],
  ])('rejects %s with InvalidEventMessageError', (_, body) => {
    expect(() => decodeEventMessage(body)).toThrow(InvalidEventMessageError);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(() => decodeEventMessage(new Uint8Array([0xff, 0xfe, 0x7b]))).toThrow(InvalidEventMessageError);
  });
});
