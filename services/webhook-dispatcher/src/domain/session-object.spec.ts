import { describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import {
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionPaidSchema,
  SessionRevertedSchema,
  SessionStatus,
  encodeEventData,
} from '@opencheckout/contracts';
import { toDecimalString } from './decimal-amount.js';
import { evolveSessionObject, type SessionFact, type SessionObjectState } from './session-object.js';

function fact(type: string, schema: Parameters<typeof create>[0], init: Record<string, unknown>, occurredAt = '2026-11-22T10:00:00.000Z'): SessionFact {
  return { type, data: encodeEventData(type, create(schema, init as never)) as Record<string, unknown>, occurredAt };
}

const base = { sessionId: 'cs_1', merchantId: 'm1', livemode: false };
const ref = { chainId: 1, txHash: '0xabc', logIndex: 2 };
const facts = [
  fact('session.created', SessionCreatedSchema, {
    ...base,
    sequence: 1,
    fiat: { amountMinor: '1999', currency: 'usd' },
    asset: { chainId: 1, assetCode: 'USDC', decimals: 6 },
    amountDueAtomic: '19990000',
    payTo: { address: '0xpay' },
    metadata: { order: '7' },
    createdAt: '2026-11-22T09:00:00.000Z',
  }),
  fact('session.detected', SessionDetectedSchema, { ...base, sequence: 2, payment: ref, amountReceivedAtomic: '19990000', amountAtomic: '19990000', from: '0xfrom', blockNumber: 5n }),
  fact('session.paid', SessionPaidSchema, { ...base, sequence: 3, payment: ref, amountReceivedAtomic: '19990000', amountDueAtomic: '19990000' }, '2026-11-22T10:05:00.000Z'),
];

function fold(list: SessionFact[]): SessionObjectState {
  return list.reduce<SessionObjectState | null>((state, f, i) => evolveSessionObject(state, f, i + 1), null)!;
}

describe('evolveSessionObject', () => {
  it('folds created, detected and paid into the session receivers see', () => {
    const { object } = fold(facts);
    expect(object).toMatchObject({
      id: 'cs_1',
      object: 'checkout_session',
      status: 'paid',
      asset: 'USDC',
      address: '0xpay',
      amount: { atomic: '19990000', decimal: '19.99' },
      amountReceived: { atomic: '19990000', decimal: '19.99' },
      fiat: { amount: '19.99', amountMinor: '1999', currency: 'usd' },
      metadata: { order: '7' },
      paidAt: '2026-11-22T10:05:00.000Z',
      sequence: 3,
    });
    expect(object.payments).toEqual([
      expect.objectContaining({ txHash: '0xabc', status: 'confirmed', blockNumber: '5', amount: { atomic: '19990000', decimal: '19.99' } }),
    ]);
  });

  it('does not mutate the state it is given, so refolding gives the same object', () => {
    const before = fold(facts.slice(0, 2));
    const copy = structuredClone(before);
    evolveSessionObject(before, facts[2]!, 3);
    expect(before).toEqual(copy);
    expect(fold(facts)).toEqual(fold(facts));
  });

  it('goes back on a reorg and clears paidAt', () => {
    const { object } = fold([
      ...facts,
      fact('session.reverted', SessionRevertedSchema, { ...base, sequence: 4, payment: ref, amountRevertedAtomic: '19990000', amountReceivedAtomic: '0', status: SessionStatus.PENDING }),
    ]);
    expect(object).toMatchObject({ status: 'pending', paidAt: null, amountReceived: { atomic: '0' } });
    expect(object.payments[0]!.status).toBe('reverted');
  });

  it('builds a minimal object from a fact whose session it never saw', () => {
    const state = evolveSessionObject(null, facts[2]!, 3);
    expect(state.object).toMatchObject({ id: 'cs_1', status: 'paid', sequence: 3 });
  });
});

describe('toDecimalString', () => {
  it('writes integers exactly, without floats', () => {
    expect(toDecimalString('123456789012345678901234567890', 18)).toBe('123456789012.34567890123456789');
    expect(toDecimalString('5', 6)).toBe('0.000005');
    expect(toDecimalString('1000', 2)).toBe('10');
    expect(toDecimalString('0', 18)).toBe('0');
  });
});
