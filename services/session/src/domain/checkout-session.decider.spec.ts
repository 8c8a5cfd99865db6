import { describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import {
  PaymentConfirmedSchema,
  PaymentDetectedSchema,
  PaymentRevertedSchema,
  SessionCreatedSchema,
  SessionMode,
  SessionStatus as PbStatus,
} from '@opencheckout/contracts';
import { decide, evolve, type SessionCommand, type SessionEvent } from './checkout-session.decider.js';
import type { CheckoutSession } from './checkout-session.js';
import { SessionRuleError } from './session-rule.error.js';

const T0 = Date.parse('2026-11-01T12:00:00.000Z');
const MINUTE = 60_000;
const EXPIRES = T0 + 30 * MINUTE;
const GRACE_S = 600;

function terms(overrides: Record<string, unknown> = {}) {
  return create(SessionCreatedSchema, {
    sessionId: 'cs_1',
    merchantId: 'mer_1',
    livemode: false,
    mode: SessionMode.PAYMENT,
    amountDueAtomic: '1000',
    expiresAt: new Date(EXPIRES).toISOString(),
    lateGraceSeconds: GRACE_S as never,
    confirmationsRequired: 3,
    createdAt: new Date(T0).toISOString(),
    ...overrides,
  });
}

let txCounter = 0;
function transfer(amount: string, tx = `0x${(++txCounter).toString(16).padStart(64, '0')}`) {
  const fields = {
    chainId: 31337 as never,
    txHash: tx,
    logIndex: -1,
    blockNumber: 10 as never,
    blockHash: '0xabc',
    from: '0xbuyer',
    to: '0xsession',
    amountAtomic: amount,
    confirmations: 1,
    sessionId: 'cs_1',
    merchantId: 'mer_1',
    livemode: false,
  };
  return {
    detected: create(PaymentDetectedSchema, fields),
    confirmed: create(PaymentConfirmedSchema, { ...fields, confirmations: 3 }),
    reverted: create(PaymentRevertedSchema, fields),
  };
}

/** Runs commands through decide/evolve like the app layer does, returning all events and the final state. */
function run(commands: SessionCommand[], initial: SessionCommand = { kind: 'create', terms: terms() }) {
  let state: CheckoutSession | null = null;
  const events: SessionEvent[] = [];
  for (const command of [initial, ...commands]) {
    for (const event of decide(command, state)) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return { events, types: events.map((e) => e.type), state: state! };
}

describe('checkout session lifecycle', () => {
  it('pending → detected → paid for an exact payment', () => {
    const p = transfer('1000');
    const { types, state, events } = run([
      { kind: 'record_detected', payment: p.detected, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + 2 * MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.detected', 'session.paid']);
    expect(state.status).toBe('paid');
    expect(events.map((e) => Number(e.data.sequence))).toEqual([1, 2, 3]);
  });

  it('is idempotent for a repeated detection or confirmation', () => {
    const p = transfer('1000');
    const { types } = run([
      { kind: 'record_detected', payment: p.detected, at: T0 + MINUTE },
      { kind: 'record_detected', payment: p.detected, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + 2 * MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + 2 * MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.detected', 'session.paid']);
  });

  it('counts a confirmation whose detection was never seen', () => {
    const p = transfer('1000');
    const { types, state } = run([{ kind: 'record_confirmed', payment: p.confirmed, at: T0 + MINUTE }]);
    expect(types).toEqual(['session.created', 'session.detected', 'session.paid']);
    expect(state.status).toBe('paid');
  });

  it('underpaid, then a top-up pays it', () => {
    const a = transfer('400');
    const b = transfer('600');
    const first = run([
      { kind: 'record_detected', payment: a.detected, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: a.confirmed, at: T0 + 2 * MINUTE },
    ]);
    expect(first.state.status).toBe('underpaid');
    const { types, state } = run([
      { kind: 'record_detected', payment: a.detected, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: a.confirmed, at: T0 + 2 * MINUTE },
      { kind: 'record_detected', payment: b.detected, at: T0 + 3 * MINUTE },
      { kind: 'record_confirmed', payment: b.confirmed, at: T0 + 4 * MINUTE },
    ]);
    expect(types).toEqual([
      'session.created',
      'session.detected',
      'session.underpaid',
      'session.detected',
      'session.paid',
    ]);
    expect(state.status).toBe('paid');
  });

  it('two partial payments in flight settle once both confirm', () => {
    const a = transfer('500');
    const b = transfer('500');
    const { types, state } = run([
      { kind: 'record_detected', payment: a.detected, at: T0 + MINUTE },
      { kind: 'record_detected', payment: b.detected, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: a.confirmed, at: T0 + 2 * MINUTE },
      { kind: 'record_confirmed', payment: b.confirmed, at: T0 + 2 * MINUTE },
    ]);
    expect(types).toEqual([
      'session.created',
      'session.detected',
      'session.detected',
      'session.payment_confirmed',
      'session.paid',
    ]);
    expect(state.status).toBe('paid');
  });

  it('overpaid counts as paid', () => {
    const p = transfer('1500');
    const { types, state } = run([{ kind: 'record_confirmed', payment: p.confirmed, at: T0 + MINUTE }]);
    expect(types.at(-1)).toBe('session.overpaid');
    expect(state.status).toBe('overpaid');
  });

  it('expires at expiresAt when nothing was detected, not before', () => {
    expect(run([{ kind: 'expire', at: EXPIRES - 1 }]).state.status).toBe('pending');
    const { types, state } = run([{ kind: 'expire', at: EXPIRES }]);
    expect(types).toEqual(['session.created', 'session.expired']);
    expect(state.status).toBe('expired');
  });

  it('does not expire while a payment waits for confirmations', () => {
    const p = transfer('1000');
    const { types, state } = run([
      { kind: 'record_detected', payment: p.detected, at: EXPIRES - MINUTE },
      { kind: 'expire', at: EXPIRES },
      { kind: 'record_confirmed', payment: p.confirmed, at: EXPIRES + MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.detected', 'session.paid']);
    expect(state.status).toBe('paid');
  });

  it('a payment within the grace window after expiry is paid_late', () => {
    const p = transfer('1000');
    const { types, state } = run([
      { kind: 'expire', at: EXPIRES },
      { kind: 'record_detected', payment: p.detected, at: EXPIRES + 5 * MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: EXPIRES + 6 * MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.expired', 'session.detected', 'session.paid_late']);
    expect(state.status).toBe('paid_late');
  });

  it('money after the grace window is recorded, announced, and never counted', () => {
    const p = transfer('1000');
    const { types, state, events } = run([
      { kind: 'expire', at: EXPIRES },
      { kind: 'record_detected', payment: p.detected, at: EXPIRES + 11 * MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: EXPIRES + 12 * MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.expired', 'session.payment_received_after_close']);
    expect(state.status).toBe('expired');
    const last = events.at(-1)!;
    expect(last.type === 'session.payment_received_after_close' && last.data.amountAtomic).toBe('1000');
  });

  it('a reorg before confirmation returns the session to pending, and paying again works', () => {
    const p = transfer('1000');
    const again = transfer('1000');
    const { types, state, events } = run([
      { kind: 'record_detected', payment: p.detected, at: T0 + MINUTE },
      { kind: 'record_reverted', payment: p.reverted, at: T0 + 2 * MINUTE },
      { kind: 'record_detected', payment: again.detected, at: T0 + 3 * MINUTE },
      { kind: 'record_confirmed', payment: again.confirmed, at: T0 + 4 * MINUTE },
    ]);
    expect(types).toEqual([
      'session.created',
      'session.detected',
      'session.reverted',
      'session.detected',
      'session.paid',
    ]);
    const reverted = events[2]!;
    expect(reverted.type === 'session.reverted' && reverted.data.status).toBe(PbStatus.PENDING);
    expect(state.status).toBe('paid');
  });

  it('a confirmed payment lost to a deep reorg un-pays the session explicitly', () => {
    const p = transfer('1000');
    const { types, state } = run([
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + MINUTE },
      { kind: 'record_reverted', payment: p.reverted, at: T0 + 2 * MINUTE },
    ]);
    expect(types).toEqual(['session.created', 'session.detected', 'session.paid', 'session.reverted']);
    expect(state.status).toBe('pending');
  });

  it('the same transfer re-included after a reorg counts again', () => {
    const p = transfer('1000');
    const { state } = run([
      { kind: 'record_detected', payment: p.detected, at: T0 + MINUTE },
      { kind: 'record_reverted', payment: p.reverted, at: T0 + 2 * MINUTE },
      { kind: 'record_detected', payment: p.detected, at: T0 + 3 * MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + 4 * MINUTE },
    ]);
    expect(state.status).toBe('paid');
  });

  it('the merchant can cancel an open session but not one with a payment in flight or paid', () => {
    expect(run([{ kind: 'cancel', at: T0 + MINUTE }]).state.status).toBe('canceled');
    const p = transfer('1000');
    expect(() => run([{ kind: 'record_detected', payment: p.detected, at: T0 }, { kind: 'cancel', at: T0 + MINUTE }])).toThrow(
      SessionRuleError,
    );
    expect(() => run([{ kind: 'record_confirmed', payment: p.confirmed, at: T0 }, { kind: 'cancel', at: T0 + MINUTE }])).toThrow(
      /Only open/,
    );
    expect(() => run([{ kind: 'cancel', at: T0 }, { kind: 'cancel', at: T0 + 1 }])).toThrow(SessionRuleError);
  });

  it('money sent to a canceled session is recorded after close', () => {
    const p = transfer('1000');
    const { types, state } = run([
      { kind: 'cancel', at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: p.confirmed, at: T0 + 2 * MINUTE },
    ]);
    expect(types.at(-1)).toBe('session.payment_received_after_close');
    expect(state.status).toBe('canceled');
  });

  it('a donation is paid by any confirmed amount at or above its minimum', () => {
    const donation = { kind: 'create' as const, terms: terms({ mode: SessionMode.DONATION, amountDueAtomic: '100' }) };
    expect(run([{ kind: 'record_confirmed', payment: transfer('5000').confirmed, at: T0 }], donation).state.status).toBe(
      'paid',
    );
    expect(run([{ kind: 'record_confirmed', payment: transfer('50').confirmed, at: T0 }], donation).state.status).toBe(
      'underpaid',
    );
  });

  it('refuses to create twice and to act on a missing session', () => {
    expect(() => run([{ kind: 'create', terms: terms() }])).toThrow(SessionRuleError);
    expect(() => decide({ kind: 'expire', at: T0 }, null)).toThrow(SessionRuleError);
  });
});

describe('donations and subscriptions', () => {
  const donation = { kind: 'create' as const, terms: terms({ mode: SessionMode.DONATION, amountDueAtomic: '100' }) };
  const fiat = { amountMinor: '2500', currency: 'usd' } as never;

  it('the buyer chooses a donation amount at or above the minimum, before paying', () => {
    const { types, state } = run([{ kind: 'choose_amount', fiat, amountDueAtomic: 5000n, at: T0 + MINUTE }], donation);
    expect(types).toEqual(['session.created', 'session.amount_chosen']);
    expect(state.amountDue).toBe(5000n);
    expect(run([
      { kind: 'choose_amount', fiat, amountDueAtomic: 5000n, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: transfer('5000').confirmed, at: T0 + 2 * MINUTE },
    ], donation).state.status).toBe('paid');
    expect(run([
      { kind: 'choose_amount', fiat, amountDueAtomic: 5000n, at: T0 + MINUTE },
      { kind: 'record_confirmed', payment: transfer('4000').confirmed, at: T0 + 2 * MINUTE },
    ], donation).state.status).toBe('underpaid');
  });

  it('refuses an amount below the minimum, after a payment, after expiry, or outside donation mode', () => {
    expect(() => run([{ kind: 'choose_amount', fiat, amountDueAtomic: 99n, at: T0 }], donation)).toThrow(/below the minimum/);
    expect(() =>
      run([
        { kind: 'record_detected', payment: transfer('100').detected, at: T0 },
        { kind: 'choose_amount', fiat, amountDueAtomic: 500n, at: T0 + 1 },
      ], donation),
    ).toThrow(SessionRuleError);
    expect(() => run([{ kind: 'choose_amount', fiat, amountDueAtomic: 500n, at: EXPIRES + 1 }], donation)).toThrow(/expired/);
    expect(() => run([{ kind: 'choose_amount', fiat, amountDueAtomic: 5000n, at: T0 }])).toThrow(/donation/);
  });

  it('a subscription session records its renewal once, and none after cancellation', () => {
    const subscription = { kind: 'create' as const, terms: terms({ mode: SessionMode.SUBSCRIPTION, subscriptionId: 'sub_1', subscriptionPeriod: 1 }) };
    const renewal = { kind: 'record_renewal' as const, renewalSessionId: 'cs_2', renewalCheckoutUrl: 'https://x/checkout/cs_2', periodStart: T0, periodEnd: T0 + 30 * 24 * 60 * MINUTE, at: T0 };
    const { types, events } = run([renewal, renewal], subscription);
    expect(types).toEqual(['session.created', 'session.subscription_renewed']);
    const renewed = events[1]!;
    expect(renewed.type === 'session.subscription_renewed' && renewed.data.period).toBe(2);
    expect(run([{ kind: 'cancel_subscription', reason: 'requested', at: T0 }, renewal], subscription).types).toEqual([
      'session.created',
      'session.subscription_canceled',
    ]);
    expect(() => run([{ kind: 'cancel_subscription', reason: 'x', at: T0 }])).toThrow(/not part of a subscription/);
  });
});
