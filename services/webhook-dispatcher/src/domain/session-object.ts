import type { JsonValue } from '@bufbuild/protobuf';
import {
  SessionCanceledSchema,
  SessionCreatedSchema,
  SessionDetectedSchema,
  SessionExpiredSchema,
  SessionMode,
  SessionPaidLateSchema,
  SessionPaidSchema,
  SessionOverpaidSchema,
  SessionPaymentConfirmedSchema,
  SessionPaymentReceivedAfterCloseSchema,
  SessionRevertedSchema,
  SessionStatus,
  SessionUnderpaidSchema,
  decodeEventDataAs,
  type PaymentRef,
} from '@opencheckout/contracts';
import { currencyExponent, toDecimalString } from './decimal-amount.js';

export type WebhookSessionStatus =
  | 'pending'
  | 'detected'
  | 'paid'
  | 'underpaid'
  | 'overpaid'
  | 'expired'
  | 'paid_late'
  | 'canceled';

export interface WebhookSessionPayment {
  chainId: number;
  txHash: string;
  logIndex: number;
  /** Decimal string (block numbers are 64-bit). */
  blockNumber: string | null;
  from: string | null;
  amount: { atomic: string; decimal: string };
  status: 'detected' | 'confirmed' | 'reverted';
  confirmations: number;
  detectedAt: string | null;
  confirmedAt: string | null;
  /** Arrived after the session closed; not counted towards it. */
  afterClose: boolean;
}

/** The session as webhook receivers see it in `data.object` (the native API's shape, plus payments). */
export interface WebhookSessionObject {
  id: string;
  object: 'checkout_session';
  status: WebhookSessionStatus;
  livemode: boolean;
  mode: 'payment' | 'donation' | 'subscription';
  address: string;
  chainId: number;
  asset: string;
  /** What the buyer owes, in atomic units and as a decimal. */
  amount: { atomic: string; decimal: string };
  amountReceived: { atomic: string; decimal: string };
  fiat: { amount: string; amountMinor: string; currency: string };
  lineItems: { name: string; description: string | null; quantity: number; unitAmount: string }[];
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  customerEmail: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  subscriptionId: string | null;
  payments: WebhookSessionPayment[];
  createdAt: string | null;
  expiresAt: string | null;
  paidAt: string | null;
  closedAt: string | null;
  /** The per-session sequence of the last event folded in. */
  sequence: number;
}

/** What the fold needs of an event: its type, JSON data and when it happened. */
export interface SessionFact {
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

const STATUS_NAMES: Record<number, WebhookSessionStatus> = {
  [SessionStatus.PENDING]: 'pending',
  [SessionStatus.DETECTED]: 'detected',
  [SessionStatus.PAID]: 'paid',
  [SessionStatus.UNDERPAID]: 'underpaid',
  [SessionStatus.OVERPAID]: 'overpaid',
  [SessionStatus.EXPIRED]: 'expired',
  [SessionStatus.PAID_LATE]: 'paid_late',
  [SessionStatus.CANCELED]: 'canceled',
};

const MODE_NAMES: Record<number, WebhookSessionObject['mode']> = {
  [SessionMode.PAYMENT]: 'payment',
  [SessionMode.DONATION]: 'donation',
  [SessionMode.SUBSCRIPTION]: 'subscription',
};

/** Session facts that change the object (the others only advance `sequence`). */
export const SESSION_FACT_TYPES: readonly string[] = [
  'session.created',
  'session.detected',
  'session.payment_confirmed',
  'session.paid',
  'session.underpaid',
  'session.overpaid',
  'session.paid_late',
  'session.expired',
  'session.canceled',
  'session.reverted',
  'session.payment_received_after_close',
];

const orNull = (text: string): string | null => (text === '' ? null : text);

interface Decimals {
  assetDecimals: number;
}

function amountOf(atomic: string, decimals: number): { atomic: string; decimal: string } {
  const value = atomic === '' ? '0' : atomic;
  return { atomic: value, decimal: toDecimalString(value, decimals) };
}

function sameRef(payment: WebhookSessionPayment, ref: PaymentRef | undefined): boolean {
  return (
    ref !== undefined &&
    payment.chainId === ref.chainId &&
    payment.txHash.toLowerCase() === ref.txHash.toLowerCase() &&
    payment.logIndex === ref.logIndex
  );
}

function shell(data: Record<string, unknown>, sequence: number): WebhookSessionObject {
  // A fact about a session whose creation this dispatcher never saw: what the fact itself says.
  return {
    id: typeof data.sessionId === 'string' ? data.sessionId : '',
    object: 'checkout_session',
    status: 'pending',
    livemode: data.livemode === true,
    mode: 'payment',
    address: '',
    chainId: 0,
    asset: '',
    amount: amountOf(typeof data.amountDueAtomic === 'string' ? data.amountDueAtomic : '0', 18),
    amountReceived: amountOf('0', 18),
    fiat: { amount: '0', amountMinor: '0', currency: '' },
    lineItems: [],
    metadata: {},
    clientReferenceId: null,
    customerEmail: null,
    successUrl: null,
    cancelUrl: null,
    subscriptionId: null,
    payments: [],
    createdAt: null,
    expiresAt: null,
    paidAt: null,
    closedAt: null,
    sequence,
  };
}

/** The asset's decimals, kept beside the object so later amounts are written alike. */
export interface SessionObjectState extends Decimals {
  object: WebhookSessionObject;
}

/**
 * Folds one session fact into the webhook view of the session. Pure: the
 * dispatcher keeps the result so a webhook never calls back into the session
 * service, and refolding the same facts gives the same object.
 */
export function evolveSessionObject(current: SessionObjectState | null, fact: SessionFact, sequence: number): SessionObjectState {
  if (fact.type === 'session.created') {
    const d = decodeEventDataAs(SessionCreatedSchema, fact.data as JsonValue);
    const decimals = d.asset?.decimals ?? 18;
    const currency = d.fiat?.currency ?? '';
    const fiatMinor = d.fiat?.amountMinor || '0';
    return {
      assetDecimals: decimals,
      object: {
        id: d.sessionId,
        object: 'checkout_session',
        status: 'pending',
        livemode: d.livemode,
        mode: MODE_NAMES[d.mode] ?? 'payment',
        address: d.payTo?.address ?? '',
        chainId: d.asset?.chainId ?? 0,
        asset: d.asset?.assetCode ?? '',
        amount: amountOf(d.amountDueAtomic, decimals),
        amountReceived: amountOf('0', decimals),
        fiat: { amount: toDecimalString(fiatMinor, currencyExponent(currency)), amountMinor: fiatMinor, currency },
        lineItems: d.lineItems.map((item) => ({
          name: item.name,
          description: orNull(item.description),
          quantity: item.quantity,
          unitAmount: toDecimalString(item.unitAmountMinor || '0', currencyExponent(item.currency || currency)),
        })),
        metadata: { ...d.metadata },
        clientReferenceId: orNull(d.clientReferenceId),
        customerEmail: orNull(d.customerEmail),
        successUrl: orNull(d.successUrl),
        cancelUrl: orNull(d.cancelUrl),
        subscriptionId: orNull(d.subscriptionId),
        payments: [],
        createdAt: orNull(d.createdAt) ?? fact.occurredAt,
        expiresAt: orNull(d.expiresAt),
        paidAt: null,
        closedAt: null,
        sequence,
      },
    };
  }
  const state: SessionObjectState = current
    ? { assetDecimals: current.assetDecimals, object: structuredClone(current.object) }
    : { assetDecimals: 18, object: shell(fact.data, sequence) };
  const view = state.object;
  const decimals = state.assetDecimals;
  view.sequence = sequence;
  const confirm = (ref: PaymentRef | undefined, at: string, confirmations?: number) => {
    const payment = view.payments.find((candidate) => sameRef(candidate, ref));
    if (payment === undefined) return;
    payment.status = 'confirmed';
    payment.confirmedAt = at;
    if (confirmations !== undefined) payment.confirmations = confirmations;
  };
  switch (fact.type) {
    case 'session.detected': {
      const d = decodeEventDataAs(SessionDetectedSchema, fact.data as JsonValue);
      view.status = 'detected';
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      const fresh: WebhookSessionPayment = {
        chainId: d.payment?.chainId ?? 0,
        txHash: d.payment?.txHash ?? '',
        logIndex: d.payment?.logIndex ?? -1,
        blockNumber: d.blockNumber.toString(),
        from: orNull(d.from),
        amount: amountOf(d.amountAtomic, decimals),
        status: 'detected',
        confirmations: 0,
        detectedAt: orNull(d.detectedAt) ?? fact.occurredAt,
        confirmedAt: null,
        afterClose: false,
      };
      const index = view.payments.findIndex((candidate) => sameRef(candidate, d.payment));
      if (index < 0) view.payments.push(fresh);
      else view.payments[index] = fresh;
      break;
    }
    case 'session.payment_confirmed': {
      const d = decodeEventDataAs(SessionPaymentConfirmedSchema, fact.data as JsonValue);
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      confirm(d.payment, orNull(d.confirmedAt) ?? fact.occurredAt, d.confirmations);
      break;
    }
    case 'session.paid':
    case 'session.overpaid':
    case 'session.paid_late':
    case 'session.underpaid': {
      const schema =
        fact.type === 'session.paid'
          ? SessionPaidSchema
          : fact.type === 'session.overpaid'
            ? SessionOverpaidSchema
            : fact.type === 'session.paid_late'
              ? SessionPaidLateSchema
              : SessionUnderpaidSchema;
      const d = decodeEventDataAs(schema, fact.data as JsonValue);
      view.status = fact.type.slice('session.'.length) as WebhookSessionStatus;
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      if (d.amountDueAtomic !== '') view.amount = amountOf(d.amountDueAtomic, decimals);
      confirm(d.payment, fact.occurredAt);
      if (fact.type !== 'session.underpaid') view.paidAt = fact.occurredAt;
      break;
    }
    case 'session.expired': {
      const d = decodeEventDataAs(SessionExpiredSchema, fact.data as JsonValue);
      view.status = 'expired';
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      view.closedAt = orNull(d.expiredAt) ?? fact.occurredAt;
      break;
    }
    case 'session.canceled': {
      const d = decodeEventDataAs(SessionCanceledSchema, fact.data as JsonValue);
      view.status = 'canceled';
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      view.closedAt = orNull(d.canceledAt) ?? fact.occurredAt;
      break;
    }
    case 'session.reverted': {
      const d = decodeEventDataAs(SessionRevertedSchema, fact.data as JsonValue);
      view.status = STATUS_NAMES[d.status] ?? view.status;
      view.amountReceived = amountOf(d.amountReceivedAtomic, decimals);
      const payment = view.payments.find((candidate) => sameRef(candidate, d.payment));
      if (payment !== undefined) payment.status = 'reverted';
      if (view.status !== 'paid' && view.status !== 'overpaid' && view.status !== 'paid_late') view.paidAt = null;
      break;
    }
    case 'session.payment_received_after_close': {
      const d = decodeEventDataAs(SessionPaymentReceivedAfterCloseSchema, fact.data as JsonValue);
      view.payments.push({
        chainId: d.payment?.chainId ?? 0,
        txHash: d.payment?.txHash ?? '',
        logIndex: d.payment?.logIndex ?? -1,
        blockNumber: null,
        from: null,
        amount: amountOf(d.amountAtomic, decimals),
        status: 'confirmed',
        confirmations: 0,
        detectedAt: fact.occurredAt,
        confirmedAt: fact.occurredAt,
        afterClose: true,
      });
      break;
    }
  }
  return state;
}
