import { describe, expect, it } from '@jest/globals';
import { buildWebhookEvent } from './webhook-event.js';
import { canonicalJson } from './canonical-json.js';

describe('buildWebhookEvent', () => {
  const object = { id: 'cs_1', status: 'paid', amount: { atomic: 18473920000000000000n, decimal: '18.47392' }, metadata: { orderId: '001' } };

  it('builds the envelope and its canonical body', () => {
    const { event, body } = buildWebhookEvent({
      id: 'evt_1',
      type: 'session.paid',
      apiVersion: '2026-11-01',
      created: new Date('2026-11-22T10:00:00.900Z'),
      livemode: false,
      sequence: 3,
      object,
    });
    expect(event).toEqual({
      id: 'evt_1',
      object: 'event',
      type: 'session.paid',
      apiVersion: '2026-11-01',
      created: 1795341600,
      livemode: false,
      sequence: 3,
      data: { object },
    });
    expect(JSON.parse(body)).toEqual({ ...event, data: { object: { ...object, amount: { atomic: '18473920000000000000', decimal: '18.47392' } } } });
    expect(body).not.toMatch(/\s/);
  });

  it('yields the same bytes whatever the key order of the object', () => {
    const base = { id: 'evt_2', type: 'session.created', apiVersion: 'v1', created: 1, livemode: true, sequence: 0 };
    const a = buildWebhookEvent({ ...base, object: { b: 1, a: { y: 2, x: [3, { d: 4, c: 5 }] } } }).body;
    const b = buildWebhookEvent({ ...base, object: { a: { x: [3, { c: 5, d: 4 }], y: 2 }, b: 1 } }).body;
    expect(a).toBe(b);
  });

  it('refuses ids, sequences and times that are not well formed', () => {
    const base = { id: 'evt_3', type: 't', apiVersion: 'v1', created: 1, livemode: true, sequence: 0, object: {} };
    expect(() => buildWebhookEvent({ ...base, id: 'cs_1' })).toThrow(TypeError);
    expect(() => buildWebhookEvent({ ...base, sequence: -1 })).toThrow(TypeError);
    expect(() => buildWebhookEvent({ ...base, created: 1.5 })).toThrow(TypeError);
  });
});

describe('canonicalJson', () => {
  it('drops undefined, refuses non-finite numbers, writes dates as ISO', () => {
    expect(canonicalJson({ b: undefined, a: new Date(0), c: [undefined] })).toBe('{"a":"1970-01-01T00:00:00.000Z","c":[null]}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});
