import { describe, it, expect } from '@jest/globals';
import { create, type JsonValue } from '@bufbuild/protobuf';
import { ValidationError } from '@opencheckout/errors';
import {
  CreateCheckoutSessionRequestSchema,
  decodeMessage,
  encodeMessage,
  SessionMode,
  SessionStatus,
  ListCheckoutSessionsRequestSchema,
} from './index.js';

describe('RPC message JSON', () => {
  it('round-trips a request, keeping optional presence and integer-string money', () => {
    const request = create(CreateCheckoutSessionRequestSchema, {
      context: { merchantId: 'mer_1', livemode: false, correlationId: 'corr_1', scopes: ['sessions:write'] },
      mode: SessionMode.PAYMENT,
      amount: { amountMinor: '1000', currency: 'usd' },
      chainId: 31337,
      metadata: { order: '7' },
    });
    const json = JSON.parse(JSON.stringify(encodeMessage(CreateCheckoutSessionRequestSchema, request)));
    expect(json).toMatchObject({ mode: 'SESSION_MODE_PAYMENT', amount: { amountMinor: '1000' }, chainId: 31337 });
    expect(json).not.toHaveProperty('expiresInSeconds');
    const decoded = decodeMessage(CreateCheckoutSessionRequestSchema, json);
    expect(decoded).toEqual(request);
    expect(decoded.expiresInSeconds).toBeUndefined();
  });

  it('reads repeated enum filters by name', () => {
    const decoded = decodeMessage(ListCheckoutSessionsRequestSchema, {
      status: ['SESSION_STATUS_PAID', 'SESSION_STATUS_EXPIRED'],
      page: { limit: 10 },
    });
    expect(decoded.status).toEqual([SessionStatus.PAID, SessionStatus.EXPIRED]);
    expect(decoded.page?.limit).toBe(10);
  });

  it('throws a typed error for payloads that do not fit', () => {
    const bad: JsonValue[] = [{ chainId: 'mainnet' }, { metadata: ['x'] }, 'text', null];
    for (const json of bad) {
      expect(() => decodeMessage(CreateCheckoutSessionRequestSchema, json)).toThrow(ValidationError);
    }
  });
});
