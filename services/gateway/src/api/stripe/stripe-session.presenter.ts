import { create } from '@bufbuild/protobuf';
import {
  ApiShape,
  CreateCheckoutSessionRequestSchema,
  DonationTermsSchema,
  FiatAmountSchema,
  LineItemSchema,
  SessionMode,
  SessionStatus,
  type CheckoutSessionView,
  type CreateCheckoutSessionRequest,
  type RequestContext,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import { atomicPair } from '../money.js';
import { LIMITS } from '../validators.js';
import { hashOfRequest } from '../native/native-session.presenter.js';
import { INTERVALS, INTERVAL_NAMES, MODES, MODE_NAMES, STATUS_NAMES } from '../session-names.js';
import type { CreateStripeSessionDto } from './stripe-session.dto.js';

export const STRIPE_STATUS_FILTER: Record<string, SessionStatus[]> = {
  open: [SessionStatus.PENDING, SessionStatus.DETECTED, SessionStatus.UNDERPAID],
  complete: [SessionStatus.PAID, SessionStatus.OVERPAID, SessionStatus.PAID_LATE],
  expired: [SessionStatus.EXPIRED, SessionStatus.CANCELED],
};

/** Stripe's body, normalised into the one request both API shapes share. */
export function stripeCreateRequest(dto: CreateStripeSessionDto, context: RequestContext, now: Date): CreateCheckoutSessionRequest {
  const mode = MODES[dto.mode ?? 'payment'];
  if (dto.line_items.length === 0) {
    throw new ValidationError('Missing required param: line_items.', { param: 'line_items', code: 'parameter_missing' });
  }
  const currency = dto.line_items[0]!.price_data.currency.toLowerCase();
  const lineItems = dto.line_items.map((item, index) => {
    if (item.price_data.currency.toLowerCase() !== currency) {
      throw new ValidationError('All line items must use the same currency.', {
        param: `line_items[${index}][price_data][currency]`,
        code: 'currency_mismatch',
      });
    }
    if (mode === SessionMode.SUBSCRIPTION && item.price_data.recurring === undefined) {
      throw new ValidationError('Subscription mode needs price_data.recurring on every line item.', {
        param: `line_items[${index}][price_data][recurring]`,
        code: 'parameter_missing',
      });
    }
    return create(LineItemSchema, {
      name: item.price_data.product_data.name,
      description: item.price_data.product_data.description ?? '',
      unitAmountMinor: String(item.price_data.unit_amount),
      quantity: item.quantity,
      currency,
      recurring: item.price_data.recurring
        ? { interval: INTERVALS[item.price_data.recurring.interval], intervalCount: item.price_data.recurring.interval_count ?? 1 }
        : undefined,
    });
  });
  const total = lineItems.reduce((sum, item) => sum + BigInt(item.unitAmountMinor) * BigInt(item.quantity), 0n);
  if (mode !== SessionMode.DONATION && total <= 0n) {
    throw new ValidationError('The total must be greater than zero.', { param: 'line_items[0][price_data][unit_amount]', code: 'amount_too_small' });
  }
  let expiresInSeconds: number | undefined;
  if (dto.expires_at !== undefined) {
    expiresInSeconds = dto.expires_at - Math.floor(now.getTime() / 1000);
    if (expiresInSeconds <= 0) {
      throw new ValidationError('expires_at must be in the future.', { param: 'expires_at', code: 'expiry_out_of_range' });
    }
    if (expiresInSeconds > LIMITS.maxExpiresInSeconds) {
      throw new ValidationError('expires_at is too far in the future.', { param: 'expires_at', code: 'expiry_out_of_range' });
    }
  }
  const request = create(CreateCheckoutSessionRequestSchema, {
    context,
    mode,
    apiShape: ApiShape.STRIPE,
    amount: create(FiatAmountSchema, { amountMinor: total.toString(), currency }),
    lineItems,
    assetCode: dto.crypto?.asset?.toUpperCase() ?? '',
    chainId: dto.crypto?.chain_id,
    metadata: dto.metadata ?? {},
    successUrl: dto.success_url ?? '',
    cancelUrl: dto.cancel_url ?? '',
    expiresInSeconds,
    clientReferenceId: dto.client_reference_id ?? '',
    customerEmail: dto.customer_email ?? '',
    // A donation's line items name the smallest gift; the buyer may give more.
    donation: mode === SessionMode.DONATION ? create(DonationTermsSchema, { minimumAmountMinor: total.toString() }) : undefined,
  });
  request.requestHash = hashOfRequest('stripe', request);
  return request;
}

function unix(iso: string): number | null {
  return iso === '' ? null : Math.floor(Date.parse(iso) / 1000);
}

/** open / complete / expired with payment_status, as Stripe reports it. */
export function stripeStatus(view: CheckoutSessionView, now: number): { status: string; payment_status: string } {
  switch (view.status) {
    case SessionStatus.PAID:
    case SessionStatus.OVERPAID:
    case SessionStatus.PAID_LATE:
      return { status: 'complete', payment_status: 'paid' };
    case SessionStatus.EXPIRED:
    case SessionStatus.CANCELED:
      return { status: 'expired', payment_status: 'unpaid' };
    case SessionStatus.UNDERPAID:
      return { status: now >= Date.parse(view.expiresAt) ? 'expired' : 'open', payment_status: 'unpaid' };
    default:
      return { status: 'open', payment_status: 'unpaid' };
  }
}

/** A Stripe `checkout.session` object, with the on-chain details under `crypto`. */
export function presentStripeSession(view: CheckoutSessionView, now = Date.now()): Record<string, unknown> {
  const { status, payment_status } = stripeStatus(view, now);
  const decimals = view.asset?.decimals ?? 18;
  const total = Number(view.fiat?.amountMinor ?? '0');
  return {
    id: view.sessionId,
    object: 'checkout.session',
    amount_subtotal: total,
    amount_total: total,
    cancel_url: view.cancelUrl || null,
    client_reference_id: view.clientReferenceId || null,
    created: unix(view.createdAt),
    currency: view.fiat?.currency ?? null,
    customer: null,
    customer_email: view.customerEmail || null,
    expires_at: unix(view.expiresAt),
    livemode: view.livemode,
    metadata: view.metadata,
    mode: MODE_NAMES[view.mode],
    payment_intent: null,
    payment_method_types: ['crypto'],
    payment_status,
    status,
    success_url: view.successUrl || null,
    url: status === 'open' ? view.checkoutUrl : null,
    crypto: {
      status: STATUS_NAMES[view.status],
      address: view.payToAddress,
      chain_id: view.asset?.chainId ?? null,
      asset: view.asset?.assetCode ?? null,
      token_address: view.asset?.tokenAddress || null,
      amount: atomicPair(view.amountDueAtomic, decimals),
      amount_received: atomicPair(view.amountReceivedAtomic, decimals),
      confirmations_required: view.confirmationsRequired,
      transactions: view.payments.map((payment) => payment.txHash),
    },
  };
}

/** Stripe's `item` objects for GET …/line_items. */
export function presentStripeLineItems(view: CheckoutSessionView): Record<string, unknown>[] {
  return view.lineItems.map((item, index) => {
    const amount = Number(BigInt(item.unitAmountMinor) * BigInt(item.quantity));
    return {
      id: `li_${view.sessionId.replace(/^cs_/, '')}_${index}`,
      object: 'item',
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: item.currency,
      description: item.name,
      quantity: item.quantity,
      price: {
        object: 'price',
        currency: item.currency,
        unit_amount: Number(item.unitAmountMinor),
        recurring: item.recurring
          ? { interval: INTERVAL_NAMES[item.recurring.interval], interval_count: item.recurring.intervalCount }
          : null,
        product_data: { name: item.name, description: item.description || null },
      },
    };
  });
}
