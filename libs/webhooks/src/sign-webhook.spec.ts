import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { signWebhook } from './sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';
import { generateWebhookSecret } from './webhook-secret.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

const payload = '{"id":"evt_1","object":"event","type":"session.paid"}';
const now = new Date('2026-11-22T10:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
  throw new Error('expected a verification failure');
}

describe('signWebhook', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('keys v1 by the base64-decoded secret bytes over "t.payload" (the documented derivation)', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook({ secret, payload, eventId: 'evt_1', timestamp: ts });
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${ts}.${payload}`).digest('hex');
    expect(headers['OpenCheckout-Signature']).toBe(`t=${ts},v1=${expected}`);
    const standard = createHmac('sha256', key).update(`evt_1.${ts}.${payload}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${standard}`);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe(String(ts));
  });

  it('is accepted by the stock standardwebhooks verifier', () => {
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signWebhook({ secret, payload, eventId: 'evt_2', timestamp });
    expect(new Webhook(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(generateWebhookSecret()).verify(payload, headers)).toThrow();
  });

  it('signs with every secret during a rotation, and either one verifies', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const headers = signWebhook({ secret: [oldSecret, newSecret], payload, eventId: 'evt_3', timestamp: ts });
    expect(headers['OpenCheckout-Signature'].match(/v1=/g)).toHaveLength(2);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(verifyWebhook({ payload, headers, secret, now }).id).toBe('evt_1');
      expect(verifyWebhook({ payload, signatureHeader: headers['OpenCheckout-Signature'], secret, now }).id).toBe('evt_1');
      const { 'OpenCheckout-Signature': _ours, ...standardOnly } = headers;
      expect(verifyWebhook({ payload, headers: standardOnly, secret, now }).id).toBe('evt_1');
    }
    expect(failure(() => verifyWebhook({ payload, headers, secret: generateWebhookSecret(), now }))).toBe(
      'no_matching_signature',
    );
  });
});

describe('verifyWebhook', () => {
  const secret = generateWebhookSecret();
  const headers = signWebhook({ secret, payload, eventId: 'evt_1', timestamp: ts });
  const ours = headers['OpenCheckout-Signature'];

  it('answers the parsed event from a string or a Buffer body, with any header case', () => {
    expect(verifyWebhook({ payload, headers, secret, now }).type).toBe('session.paid');
    expect(verifyWebhook({ payload: Buffer.from(payload), headers: { 'opencheckout-signature': ours }, secret, now }).id).toBe('evt_1');
    expect(verifyWebhook({ payload, headers: new Headers({ 'OPENCHECKOUT-SIGNATURE': ours }), secret, now }).id).toBe('evt_1');
    expect(verifyWebhook({ payload, signature: ours, secret, now }).id).toBe('evt_1');
  });

  it('refuses a missing or malformed header', () => {
    expect(failure(() => verifyWebhook({ payload, headers: {}, secret, now }))).toBe('missing_header');
    for (const bad of ['garbage', `t=${ts}`, `v1=${'a'.repeat(64)}`, `t=abc,v1=${'a'.repeat(64)}`, `t=${ts},v1=xyz`, `t=${ts},t=${ts},v1=${'a'.repeat(64)}`]) {
      expect(failure(() => verifyWebhook({ payload, signatureHeader: bad, secret, now }))).toBe('invalid_header');
    }
  });

  it('refuses a timestamp outside the tolerance, either way, and honours a custom tolerance', () => {
    const later = new Date(now.getTime() + 301_000);
    const earlier = new Date(now.getTime() - 301_000);
    expect(failure(() => verifyWebhook({ payload, headers, secret, now: later }))).toBe('timestamp_out_of_tolerance');
    expect(failure(() => verifyWebhook({ payload, headers, secret, now: earlier }))).toBe('timestamp_out_of_tolerance');
    expect(verifyWebhook({ payload, headers, secret, now: new Date(now.getTime() + 299_000) }).id).toBe('evt_1');
    expect(verifyWebhook({ payload, headers, secret, now: later, toleranceSeconds: 400 }).id).toBe('evt_1');
    const { 'OpenCheckout-Signature': _ours, ...standardOnly } = headers;
    expect(failure(() => verifyWebhook({ payload, headers: standardOnly, secret, now: later }))).toBe('timestamp_out_of_tolerance');
  });

  it('refuses a re-dated signature (the timestamp is signed)', () => {
    const forged = ours.replace(`t=${ts}`, `t=${ts + 10}`);
    expect(failure(() => verifyWebhook({ payload, signatureHeader: forged, secret, now }))).toBe('no_matching_signature');
  });

  it('refuses an invalid secret', () => {
    expect(failure(() => verifyWebhook({ payload, headers, secret: 'whsec_not base64!', now }))).toBe('invalid_secret');
  });

  it('refuses any change to the payload (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (extra) => {
        const tampered = payload + extra;
        expect(failure(() => verifyWebhook({ payload: tampered, headers, secret, now }))).toBe('no_matching_signature');
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips any payload (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4_000_000_000 }), (value, timestamp) => {
        const body = JSON.stringify(value);
        const signed = signWebhook({ secret, payload: body, eventId: 'evt_p', timestamp });
        const at = new Date(timestamp * 1000);
        expect(verifyWebhook({ payload: body, headers: signed, secret, now: at })).toEqual(JSON.parse(body));
        const { 'OpenCheckout-Signature': _o, ...standardOnly } = signed;
        expect(verifyWebhook({ payload: body, headers: standardOnly, secret, now: at })).toEqual(JSON.parse(body));
      }),
      { numRuns: 100 },
    );
  });
});
