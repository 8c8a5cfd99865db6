import { clone, create } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  PaymentStatus,
  SessionPaymentViewSchema,
  type CheckoutSessionView,
  type PaymentRef,
  type SessionPaymentView,
} from '@opencheckout/contracts';
import { statusToPb, type SessionEvent } from './checkout-session.decider.js';

function sameRef(view: SessionPaymentView, ref: PaymentRef | undefined): boolean {
  return (
    ref !== undefined &&
    view.chainId === ref.chainId &&
    view.txHash.toLowerCase() === ref.txHash.toLowerCase() &&
    view.logIndex === ref.logIndex
  );
}

function updatePayment(
  view: CheckoutSessionView,
  ref: PaymentRef | undefined,
  change: (payment: SessionPaymentView) => void,
): void {
  const payment = view.payments.find((candidate) => sameRef(candidate, ref));
  if (payment !== undefined) change(payment);
}

/**
 * What a reader sees of a session, folded from its events: the same pure fold
 * answers a read from the stream and fills the list projection, so they agree.
 * `checkoutUrl` and decimal amounts are presentation, added by the app layer.
 */
export function evolveView(
  current: CheckoutSessionView | null,
  event: SessionEvent,
  occurredAt: string,
): CheckoutSessionView {
  if (event.type === 'session.created') {
    const d = event.data;
    return create(CheckoutSessionViewSchema, {
      sessionId: d.sessionId,
      merchantId: d.merchantId,
      livemode: d.livemode,
      mode: d.mode,
      apiShape: d.apiShape,
      status: statusToPb('pending'),
      fiat: d.fiat,
      lineItems: d.lineItems,
      asset: d.asset,
      amountDueAtomic: d.amountDueAtomic,
      amountReceivedAtomic: '0',
      quote: d.quote,
      payToAddress: d.payTo?.address ?? '',
      successUrl: d.successUrl,
      cancelUrl: d.cancelUrl,
      metadata: d.metadata,
      clientReferenceId: d.clientReferenceId,
      customerEmail: d.customerEmail,
      donation: d.donation,
      subscriptionId: d.subscriptionId,
      subscriptionPeriod: d.subscriptionPeriod,
      subscriptionAnchor: d.subscriptionAnchor,
      confirmationsRequired: d.confirmationsRequired,
      createdAt: d.createdAt,
      expiresAt: d.expiresAt,
      sequence: d.sequence,
    });
  }
  if (current === null) throw new Error(`Event ${event.type} before session.created`);
  const view = clone(CheckoutSessionViewSchema, current);
  view.sequence = event.data.sequence;
  switch (event.type) {
    case 'session.detected': {
      const d = event.data;
      view.status = statusToPb('detected');
      view.amountReceivedAtomic = d.amountReceivedAtomic;
      const existing = view.payments.find((candidate) => sameRef(candidate, d.payment));
      const fresh = create(SessionPaymentViewSchema, {
        chainId: d.payment?.chainId ?? 0,
        txHash: d.payment?.txHash ?? '',
        logIndex: d.payment?.logIndex ?? -1,
        blockNumber: d.blockNumber,
        from: d.from,
        amountAtomic: d.amountAtomic,
        status: PaymentStatus.DETECTED,
        detectedAt: d.detectedAt,
      });
      if (existing === undefined) view.payments.push(fresh);
      else Object.assign(existing, { ...fresh, $typeName: existing.$typeName });
      break;
    }
    case 'session.payment_confirmed':
      view.amountReceivedAtomic = event.data.amountReceivedAtomic;
      updatePayment(view, event.data.payment, (payment) => {
        payment.status = PaymentStatus.CONFIRMED;
        payment.confirmations = event.data.confirmations;
        payment.confirmedAt = event.data.confirmedAt;
      });
      break;
    case 'session.paid':
    case 'session.overpaid':
    case 'session.paid_late':
    case 'session.underpaid': {
      const status =
        event.type === 'session.paid'
          ? 'paid'
          : event.type === 'session.overpaid'
            ? 'overpaid'
            : event.type === 'session.paid_late'
              ? 'paid_late'
              : 'underpaid';
      view.status = statusToPb(status);
      view.amountReceivedAtomic = event.data.amountReceivedAtomic;
      updatePayment(view, event.data.payment, (payment) => {
        payment.status = PaymentStatus.CONFIRMED;
        payment.confirmations = view.confirmationsRequired;
        payment.confirmedAt = occurredAt;
      });
      if (status !== 'underpaid') view.paidAt = occurredAt;
      break;
    }
    case 'session.amount_chosen':
      view.fiat = event.data.fiat;
      view.amountDueAtomic = event.data.amountDueAtomic;
      break;
    case 'session.subscription_renewed':
    case 'session.subscription_canceled':
      break;
    case 'session.expired':
      view.status = statusToPb('expired');
      view.closedAt = event.data.expiredAt;
      break;
    case 'session.canceled':
      view.status = statusToPb('canceled');
      view.closedAt = event.data.canceledAt;
      break;
    case 'session.reverted':
      view.status = event.data.status;
      view.amountReceivedAtomic = event.data.amountReceivedAtomic;
      updatePayment(view, event.data.payment, (payment) => {
        payment.status = PaymentStatus.REVERTED;
      });
      if (event.data.status !== statusToPb('paid') && event.data.status !== statusToPb('overpaid')) view.paidAt = '';
      break;
    case 'session.payment_received_after_close':
      view.payments.push(
        create(SessionPaymentViewSchema, {
          chainId: event.data.payment?.chainId ?? 0,
          txHash: event.data.payment?.txHash ?? '',
          logIndex: event.data.payment?.logIndex ?? -1,
          amountAtomic: event.data.amountAtomic,
          status: PaymentStatus.CONFIRMED,
          afterClose: true,
        }),
      );
      break;
  }
  return view;
}
