import { describe, it, expect } from '@jest/globals';
import { create, isMessage, type JsonValue } from '@bufbuild/protobuf';
import { ValidationError } from '@opencheckout/errors';
import {
  ApiShape,
  decodeEventData,
  decodeEventDataAs,
  encodeEventData,
  MerchantApiKeyCreatedSchema,
  PaymentDetectedSchema,
  SessionCreatedSchema,
  SessionMode,
  SessionPaidSchema,
  SessionRevertedSchema,
  SessionStatus,
} from './index.js';

function sessionCreated() {
  return create(SessionCreatedSchema, {
    sessionId: 'cs_01J',
    merchantId: 'mer_01J',
    livemode: false,
    sequence: 1,
    mode: SessionMode.PAYMENT,
    apiShape: ApiShape.STRIPE,
    fiat: { amountMinor: '1999', currency: 'usd' },
    lineItems: [{ name: 'T-shirt', unitAmountMinor: '1999', quantity: 1, currency: 'usd' }],
    asset: { chainId: 31337, assetCode: 'USDC', symbol: 'USDC', decimals: 6, tokenAddress: '0xabc' },
    // Larger than 2^64: must survive untouched as a string.
    amountDueAtomic: '340282366920938463463374607431768211457',
    quote: { rateNumerator: '10000', rateDenominator: '1', source: 'fixed', quotedAt: '2026-11-22T10:00:00Z' },
    payTo: { address: '0x1111111111111111111111111111111111111111', walletId: 'wal_1', derivationIndex: 7 },
    expiresAt: '2026-11-23T10:00:00Z',
    confirmationsRequired: 3,
    lateGraceSeconds: 600,
    metadata: { order_id: '42' },
    createdAt: '2026-11-22T10:00:00Z',
  });
}

describe('event data', () => {
  it('round-trips an event through its JSON form', () => {
    const original = sessionCreated();
    const json = encodeEventData('session.created', original);
    const decoded = decodeEventData('session.created', json);
    expect(isMessage(decoded, SessionCreatedSchema)).toBe(true);
    expect(decoded).toEqual(original);
  });

  it('writes readable JSON: camelCase names, enum names, money as integer strings, defaults included', () => {
    const json = encodeEventData('session.created', sessionCreated());
    expect(json).toMatchObject({
      sessionId: 'cs_01J',
      livemode: false,
      mode: 'SESSION_MODE_PAYMENT',
      apiShape: 'API_SHAPE_STRIPE',
      fiat: { amountMinor: '1999', currency: 'usd' },
      amountDueAtomic: '340282366920938463463374607431768211457',
      metadata: { order_id: '42' },
      customerEmail: '',
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('reads its own JSON after a trip through text (as from JSONB)', () => {
    const paid = create(SessionPaidSchema, {
      sessionId: 'cs_1',
      sequence: 4,
      payment: { chainId: 1, txHash: '0xfeed', logIndex: -1 },
      amountReceivedAtomic: '10',
      amountDueAtomic: '10',
    });
    const text = JSON.stringify(encodeEventData('session.paid', paid));
    const decoded = decodeEventDataAs(SessionPaidSchema, JSON.parse(text));
    expect(decoded.sequence).toBe(4);
    expect(decoded.payment?.logIndex).toBe(-1);
    expect(decoded).toEqual(paid);
  });

  it('carries the status a reverted session returns to', () => {
    const reverted = create(SessionRevertedSchema, {
      previousStatus: SessionStatus.PAID,
      status: SessionStatus.DETECTED,
    });
    const decoded = decodeEventDataAs(SessionRevertedSchema, encodeEventData('session.reverted', reverted));
    expect(decoded.status).toBe(SessionStatus.DETECTED);
  });

  it('refuses to encode a message under another event type', () => {
    const detected = create(PaymentDetectedSchema, {});
    expect(() => encodeEventData('session.paid', detected)).toThrow(ValidationError);
  });

  it('throws a typed error for unknown types', () => {
    expect(() => decodeEventData('session.exploded', {})).toThrow(
      expect.objectContaining({ code: 'event_type_unknown' }) as unknown as Error,
    );
  });

  it('throws a typed error for payloads that do not fit the schema', () => {
    const bad: JsonValue[] = [
      { sequence: 'not a number' },
      { livemode: 'yes' },
      { amountDueAtomic: 12 },
      { lineItems: { name: 'not a list' } },
      [],
      'text',
      null,
    ];
    for (const json of bad) {
      let caught: unknown;
      try {
        decodeEventData('session.created', json);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).code).toBe('event_data_invalid');
    }
  });

  it('ignores fields and enum values a newer writer added', () => {
    const decoded = decodeEventDataAs(SessionPaidSchema, { sessionId: 'cs_1', addedLater: true });
    expect(decoded.sessionId).toBe('cs_1');
    const created = decodeEventDataAs(SessionCreatedSchema, { mode: 'SESSION_MODE_ADDED_LATER' });
    expect(created.mode).toBe(SessionMode.UNSPECIFIED);
  });

  it('keeps secrets out of key events: only hash, prefix and last4 exist', () => {
    const names = MerchantApiKeyCreatedSchema.fields.map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['key_hash', 'key_prefix', 'last4']));
    expect(names.some((name) => /secret|plaintext|mnemonic/.test(name))).toBe(false);
  });
});
