import { create } from '@bufbuild/protobuf';
import {
  PaymentRefSchema,
  SessionCanceledSchema,
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionExpiredSchema,
  SessionMode,
  SessionOverpaidSchema,
  SessionPaidLateSchema,
  SessionPaidSchema,
  SessionPaymentReceivedAfterCloseSchema,
  SessionPaymentConfirmedSchema,
  type SessionPaymentConfirmed,
  SessionAmountChosenSchema,
  type SessionAmountChosen,
  SessionSubscriptionCanceledSchema,
  type SessionSubscriptionCanceled,
  SessionSubscriptionRenewedSchema,
  type SessionSubscriptionRenewed,
  type FiatAmount,
  SessionRevertedSchema,
  SessionStatus as PbStatus,
  SessionUnderpaidSchema,
  type PaymentConfirmed,
  type PaymentDetected,
  type PaymentReverted,
  type SessionCanceled,
  type SessionCreated,
  type SessionDetected,
  type SessionExpired,
  type SessionOverpaid,
  type SessionPaid,
  type SessionPaidLate,
  type SessionPaymentReceivedAfterClose,
  type SessionReverted,
  type SessionUnderpaid,
} from '@opencheckout/contracts';
import { paymentKey, settledStatus, tally, type CheckoutSession } from './checkout-session.js';
import { OPEN_STATUSES, PAID_STATUSES, type SessionStatus } from './session-status.js';
import { SessionRuleError } from './session-rule.error.js';

export type SessionEvent =
  | { type: 'session.created'; data: SessionCreated }
  | { type: 'session.detected'; data: SessionDetected }
  | { type: 'session.paid'; data: SessionPaid }
  | { type: 'session.overpaid'; data: SessionOverpaid }
  | { type: 'session.paid_late'; data: SessionPaidLate }
  | { type: 'session.underpaid'; data: SessionUnderpaid }
  | { type: 'session.expired'; data: SessionExpired }
  | { type: 'session.canceled'; data: SessionCanceled }
  | { type: 'session.reverted'; data: SessionReverted }
  | { type: 'session.payment_confirmed'; data: SessionPaymentConfirmed }
  | { type: 'session.amount_chosen'; data: SessionAmountChosen }
  | { type: 'session.subscription_renewed'; data: SessionSubscriptionRenewed }
  | { type: 'session.subscription_canceled'; data: SessionSubscriptionCanceled }
  | { type: 'session.payment_received_after_close'; data: SessionPaymentReceivedAfterClose };

type PaymentFact = PaymentDetected | PaymentConfirmed | PaymentReverted;

/** Commands are imperative; time enters as an argument (epoch milliseconds). */
export type SessionCommand =
  | { kind: 'create'; terms: SessionCreated }
  | { kind: 'cancel'; at: number }
  | { kind: 'expire'; at: number }
  | { kind: 'record_detected'; payment: PaymentDetected; at: number }
  | { kind: 'record_confirmed'; payment: PaymentConfirmed; at: number }
  | { kind: 'record_reverted'; payment: PaymentReverted; at: number }
  /** Donation mode: the buyer's amount, already converted at the session's locked quote. */
  | { kind: 'choose_amount'; fiat: FiatAmount; amountDueAtomic: bigint; at: number }
  /** Subscription mode: the next period's session was opened. */
  | { kind: 'record_renewal'; renewalSessionId: string; renewalCheckoutUrl: string; periodStart: number; periodEnd: number; at: number }
  | { kind: 'cancel_subscription'; reason: string; at: number };

const toPb: Record<SessionStatus, PbStatus> = {
  pending: PbStatus.PENDING,
  detected: PbStatus.DETECTED,
  paid: PbStatus.PAID,
  overpaid: PbStatus.OVERPAID,
  underpaid: PbStatus.UNDERPAID,
  expired: PbStatus.EXPIRED,
  paid_late: PbStatus.PAID_LATE,
  canceled: PbStatus.CANCELED,
};
const fromPb = new Map<PbStatus, SessionStatus>(Object.entries(toPb).map(([k, v]) => [v, k as SessionStatus]));

export function statusToPb(status: SessionStatus): PbStatus {
  return toPb[status];
}
export function statusFromPb(status: PbStatus): SessionStatus {
  const mapped = fromPb.get(status);
  if (mapped === undefined) throw new SessionRuleError('status_unknown', `Unknown session status ${status}.`);
  return mapped;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function refOf(payment: PaymentFact) {
  return create(PaymentRefSchema, { chainId: payment.chainId, txHash: payment.txHash, logIndex: payment.logIndex });
}

function keyOf(payment: PaymentFact): string {
  return paymentKey(payment.chainId, payment.txHash, payment.logIndex);
}

/** A session closes for good at expiresAt + grace; money after that is recorded, never counted. */
function closesAt(state: CheckoutSession): number {
  return state.expiresAt + state.lateGraceMs;
}

function isClosed(state: CheckoutSession, at: number): boolean {
  if (PAID_STATUSES.has(state.status) || state.status === 'canceled') return true;
  return at > closesAt(state);
}

function requireState(state: CheckoutSession | null): CheckoutSession {
  if (state === null) throw new SessionRuleError('session_missing', 'No such checkout session.');
  return state;
}

/** decide(command, state) → events: every rule of the lifecycle, and nothing else. */
export function decide(command: SessionCommand, state: CheckoutSession | null): SessionEvent[] {
  if (command.kind === 'create') {
    if (state !== null) throw new SessionRuleError('session_exists', 'The checkout session already exists.');
    return [{ type: 'session.created', data: create(SessionCreatedSchema, { ...command.terms, sequence: 1 }) }];
  }
  const current = requireState(state);
  const events: SessionEvent[] = [];
  // Sequence numbers follow the stream version: each event takes the next one.
  let sequence = current.version;
  const head = () => ({
    sessionId: current.id,
    merchantId: current.merchantId,
    livemode: current.livemode,
    sequence: ++sequence,
  });
  const amounts = (s: CheckoutSession) => ({
    amountReceivedAtomic: tally(s).received.toString(),
    amountDueAtomic: s.amountDue.toString(),
  });
  // Rules apply to a working copy so several events from one command see each other.
  let working = current;
  const push = (event: SessionEvent) => {
    events.push(event);
    working = evolve(working, event);
  };

  switch (command.kind) {
    case 'cancel': {
      if (working.status !== 'pending' && working.status !== 'underpaid') {
        throw new SessionRuleError(
          'session_not_open',
          working.status === 'detected'
            ? 'The checkout session has a payment waiting for confirmations and cannot be expired.'
            : `Only open checkout sessions can be expired; this one is ${working.status}.`,
        );
      }
      push({
        type: 'session.canceled',
        data: create(SessionCanceledSchema, { ...head(), ...amounts(working), canceledAt: iso(command.at) }),
      });
      return events;
    }
    case 'expire': {
      if (command.at < working.expiresAt || working.status !== 'pending') return events;
      push({
        type: 'session.expired',
        data: create(SessionExpiredSchema, { ...head(), ...amounts(working), expiredAt: iso(working.expiresAt) }),
      });
      return events;
    }
    case 'record_detected':
    case 'record_confirmed': {
      const payment = command.payment;
      const key = keyOf(payment);
      const known = working.payments.get(key);
      const isNew = known === undefined || known.state === 'reverted';
      if (isNew) {
        if (isClosed(working, command.at)) {
          // Recorded once confirmed, so a reorged stray transfer never reaches the merchant.
          if (command.kind === 'record_confirmed') {
            push({
              type: 'session.payment_received_after_close',
              data: create(SessionPaymentReceivedAfterCloseSchema, {
                ...head(),
                payment: refOf(payment),
                amountAtomic: payment.amountAtomic,
                status: toPb[working.status],
              }),
            });
          }
          return events;
        }
        push({
          type: 'session.detected',
          data: create(SessionDetectedSchema, {
            ...head(),
            payment: refOf(payment),
            amountReceivedAtomic: (tally(working).received + BigInt(payment.amountAtomic)).toString(),
            amountDueAtomic: working.amountDue.toString(),
            amountAtomic: payment.amountAtomic,
            from: payment.from,
            blockNumber: BigInt(payment.blockNumber),
            late: command.at > working.expiresAt,
            detectedAt: iso(command.at),
          }),
        });
      }
      if (command.kind === 'record_detected') return events;
      const counted = working.payments.get(key);
      if (counted === undefined || counted.afterClose || counted.state === 'confirmed') return events;
      working = confirmPayment(working, key, payment.confirmations);
      const next = settledStatus(working, command.at);
      if (next !== 'paid' && next !== 'overpaid' && next !== 'paid_late' && next !== 'underpaid') {
        // Other payments are still in flight: record this confirmation; the status settles later.
        push({
          type: 'session.payment_confirmed',
          data: create(SessionPaymentConfirmedSchema, {
            ...head(),
            payment: refOf(payment),
            confirmations: payment.confirmations,
            ...amounts(working),
            confirmedAt: iso(command.at),
          }),
        });
        return events;
      }
      const settled = { ...head(), payment: refOf(payment), ...amounts(working) };
      if (next === 'paid') push({ type: 'session.paid', data: create(SessionPaidSchema, settled) });
      else if (next === 'overpaid') push({ type: 'session.overpaid', data: create(SessionOverpaidSchema, settled) });
      else if (next === 'paid_late') push({ type: 'session.paid_late', data: create(SessionPaidLateSchema, settled) });
      else push({ type: 'session.underpaid', data: create(SessionUnderpaidSchema, settled) });
      return events;
    }
    case 'choose_amount': {
      if (!working.donation) {
        throw new SessionRuleError('session_not_donation', 'Only donation sessions let the buyer choose the amount.');
      }
      if (working.status !== 'pending') {
        throw new SessionRuleError('session_not_open', 'The amount can be chosen only before any payment is seen.');
      }
      if (command.at > working.expiresAt) {
        throw new SessionRuleError('session_not_open', 'The checkout session has expired.');
      }
      if (command.amountDueAtomic <= 0n || command.amountDueAtomic < working.minimumDue) {
        throw new SessionRuleError('amount_below_minimum', 'The amount is below the minimum for this donation.');
      }
      push({
        type: 'session.amount_chosen',
        data: create(SessionAmountChosenSchema, {
          ...head(),
          fiat: command.fiat,
          amountDueAtomic: command.amountDueAtomic.toString(),
          chosenAt: iso(command.at),
        }),
      });
      return events;
    }
    case 'record_renewal': {
      if (working.subscriptionId === '' || working.subscriptionCanceled || working.renewed) return events;
      push({
        type: 'session.subscription_renewed',
        data: create(SessionSubscriptionRenewedSchema, {
          ...head(),
          subscriptionId: working.subscriptionId,
          period: working.subscriptionPeriod + 1,
          renewalSessionId: command.renewalSessionId,
          renewalCheckoutUrl: command.renewalCheckoutUrl,
          periodStart: iso(command.periodStart),
          periodEnd: iso(command.periodEnd),
        }),
      });
      return events;
    }
    case 'cancel_subscription': {
      if (working.subscriptionId === '') {
        throw new SessionRuleError('session_not_subscription', 'This checkout session is not part of a subscription.');
      }
      if (working.subscriptionCanceled) return events;
      push({
        type: 'session.subscription_canceled',
        data: create(SessionSubscriptionCanceledSchema, {
          ...head(),
          subscriptionId: working.subscriptionId,
          canceledAt: iso(command.at),
          reason: command.reason,
        }),
      });
      return events;
    }
    case 'record_reverted': {
      const payment = command.payment;
      const known = working.payments.get(keyOf(payment));
      if (known === undefined || known.state === 'reverted' || known.afterClose) return events;
      const previous = working.status;
      const without: CheckoutSession = {
        ...working,
        payments: new Map(working.payments).set(known.key, { ...known, state: 'reverted' }),
      };
      const status = settledStatus(without, command.at);
      push({
        type: 'session.reverted',
        data: create(SessionRevertedSchema, {
          ...head(),
          payment: refOf(payment),
          amountRevertedAtomic: known.amount.toString(),
          amountReceivedAtomic: tally(without).received.toString(),
          amountDueAtomic: working.amountDue.toString(),
          previousStatus: toPb[previous],
          status: toPb[status],
        }),
      });
      return events;
    }
  }
}

function confirmPayment(state: CheckoutSession, key: string, confirmations: number): CheckoutSession {
  const payment = state.payments.get(key);
  if (payment === undefined) return state;
  return { ...state, payments: new Map(state.payments).set(key, { ...payment, state: 'confirmed', confirmations }) };
}

function paymentFromRef(state: CheckoutSession, ref: { chainId: number; txHash: string; logIndex: number } | undefined) {
  return ref === undefined ? undefined : state.payments.get(paymentKey(ref.chainId, ref.txHash, ref.logIndex));
}

/** evolve(state, event) → state. Pure; the only way state changes. */
export function evolve(state: CheckoutSession | null, event: SessionEvent): CheckoutSession {
  if (event.type === 'session.created') {
    const data = event.data;
    return {
      id: data.sessionId,
      merchantId: data.merchantId,
      livemode: data.livemode,
      status: 'pending',
      amountDue: BigInt(data.amountDueAtomic || '0'),
      donation: data.mode === SessionMode.DONATION,
      minimumDue: BigInt(data.amountDueAtomic || '0'),
      subscriptionId: data.subscriptionId,
      subscriptionPeriod: data.subscriptionPeriod,
      subscriptionCanceled: false,
      renewed: false,
      expiresAt: Date.parse(data.expiresAt),
      lateGraceMs: Number(data.lateGraceSeconds) * 1000,
      confirmationsRequired: data.confirmationsRequired,
      payments: new Map(),
      version: Number(data.sequence),
    };
  }
  const current = requireState(state);
  const version = Number(event.data.sequence);
  switch (event.type) {
    case 'session.detected': {
      const ref = event.data.payment;
      const payments = new Map(current.payments);
      if (ref !== undefined) {
        const key = paymentKey(ref.chainId, ref.txHash, ref.logIndex);
        payments.set(key, {
          key,
          chainId: ref.chainId,
          txHash: ref.txHash,
          logIndex: ref.logIndex,
          from: event.data.from,
          amount: BigInt(event.data.amountAtomic || '0'),
          blockNumber: Number(event.data.blockNumber),
          confirmations: 0,
          state: 'detected',
          late: event.data.late,
          afterClose: false,
        });
      }
      return { ...current, status: 'detected', payments, version };
    }
    case 'session.payment_confirmed': {
      const payment = paymentFromRef(current, event.data.payment);
      const payments = new Map(current.payments);
      if (payment !== undefined) {
        payments.set(payment.key, { ...payment, state: 'confirmed', confirmations: event.data.confirmations });
      }
      return { ...current, payments, version };
    }
    case 'session.paid':
    case 'session.overpaid':
    case 'session.paid_late':
    case 'session.underpaid': {
      const payment = paymentFromRef(current, event.data.payment);
      const payments = new Map(current.payments);
      if (payment !== undefined) payments.set(payment.key, { ...payment, state: 'confirmed' });
      const status: SessionStatus =
        event.type === 'session.paid'
          ? 'paid'
          : event.type === 'session.overpaid'
            ? 'overpaid'
            : event.type === 'session.paid_late'
              ? 'paid_late'
              : 'underpaid';
      return { ...current, status, payments, version };
    }
    case 'session.expired':
      return { ...current, status: 'expired', version };
    case 'session.amount_chosen':
      return { ...current, amountDue: BigInt(event.data.amountDueAtomic), version };
    case 'session.subscription_renewed':
      return { ...current, renewed: true, version };
    case 'session.subscription_canceled':
      return { ...current, subscriptionCanceled: true, version };
    case 'session.canceled':
      return { ...current, status: 'canceled', version };
    case 'session.reverted': {
      const payment = paymentFromRef(current, event.data.payment);
      const payments = new Map(current.payments);
      if (payment !== undefined) payments.set(payment.key, { ...payment, state: 'reverted' });
      return { ...current, status: statusFromPb(event.data.status), payments, version };
    }
    case 'session.payment_received_after_close': {
      const ref = event.data.payment;
      const payments = new Map(current.payments);
      if (ref !== undefined) {
        const key = paymentKey(ref.chainId, ref.txHash, ref.logIndex);
        payments.set(key, {
          key,
          chainId: ref.chainId,
          txHash: ref.txHash,
          logIndex: ref.logIndex,
          from: '',
          amount: BigInt(event.data.amountAtomic),
          blockNumber: 0,
          confirmations: 0,
          state: 'confirmed',
          late: true,
          afterClose: true,
        });
      }
      return { ...current, payments, version };
    }
  }
}

/** Whether the hosted page should still offer payment. */
export function isOpen(state: CheckoutSession, now: number): boolean {
  return OPEN_STATUSES.has(state.status) && now <= closesAt(state);
}
