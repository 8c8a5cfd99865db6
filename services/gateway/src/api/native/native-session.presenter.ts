import { clone, create } from '@bufbuild/protobuf';
import {
  ApiShape,
  CreateCheckoutSessionRequestSchema,
  DonationTermsSchema,
  FiatAmountSchema,
  LineItemSchema,
  PaymentStatus,
  SessionMode,
  encodeMessage,
  type CheckoutSessionView,
  type CreateCheckoutSessionRequest,
  type RequestContext,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import { atomicPair, fiatToMinor, minorToFiat } from '../money.js';
import { requestHash } from '../request-context.js';
import type { CreateNativeSessionDto } from './native-session.dto.js';
import { INTERVALS, MODES, MODE_NAMES, STATUS_NAMES } from '../session-names.js';

export { STATUS_BY_NAME, STATUS_NAMES } from '../session-names.js';

/** The native body, normalised into the one request both API shapes share. */
export function nativeCreateRequest(dto: CreateNativeSessionDto, context: RequestContext): CreateCheckoutSessionRequest {
  const mode = MODES[dto.mode ?? 'payment'];
  if (dto.lineItems !== undefined && dto.lineItems.length > 0 && dto.amount === undefined) {
    throw new ValidationError('Line items need amount.currency to say which currency their unitAmount is in.', {
      param: 'amount',
      code: 'parameter_missing',
    });
  }
  if (dto.amount === undefined && mode !== SessionMode.DONATION) {
    throw new ValidationError('Missing required param: amount.', { param: 'amount', code: 'parameter_missing' });
  }
  const fiatCurrency = (dto.amount?.currency ?? dto.donation?.minimum?.currency ?? 'usd').toLowerCase();
  const lineItems = (dto.lineItems ?? []).map((item, index) =>
    create(LineItemSchema, {
      name: item.name,
      description: item.description ?? '',
      quantity: item.quantity,
      currency: fiatCurrency,
      unitAmountMinor: fiatToMinor(item.unitAmount, fiatCurrency, `lineItems[${index}][unitAmount]`).toString(),
      recurring: item.recurring
        ? { interval: INTERVALS[item.recurring.interval], intervalCount: item.recurring.intervalCount ?? 1 }
        : undefined,
    }),
  );
  const request = create(CreateCheckoutSessionRequestSchema, {
    context,
    mode,
    apiShape: ApiShape.NATIVE,
    // A donation without an amount starts at zero in the minimum's currency: the buyer chooses on the page.
    amount:
      dto.amount === undefined
        ? mode === SessionMode.DONATION
          ? create(FiatAmountSchema, { amountMinor: '0', currency: fiatCurrency })
          : undefined
        : create(FiatAmountSchema, {
            amountMinor: fiatToMinor(dto.amount.value, dto.amount.currency, 'amount[value]', mode === SessionMode.DONATION).toString(),
            currency: fiatCurrency,
          }),
    lineItems,
    assetCode: dto.asset?.toUpperCase() ?? '',
    chainId: dto.chain === undefined ? undefined : Number(dto.chain),
    metadata: dto.metadata ?? {},
    successUrl: dto.successUrl ?? '',
    cancelUrl: dto.cancelUrl ?? '',
    expiresInSeconds: dto.expiresInSeconds,
    clientReferenceId: dto.clientReferenceId ?? '',
    customerEmail: dto.customerEmail ?? '',
    donation:
      mode === SessionMode.DONATION
        ? create(DonationTermsSchema, {
            minimumAmountMinor: dto.donation?.minimum
              ? fiatToMinor(dto.donation.minimum.value, dto.donation.minimum.currency, 'donation[minimum][value]', true).toString()
              : '0',
          })
        : undefined,
  });
  if (lineItems.length > 0 && dto.amount !== undefined) {
    const total = lineItems.reduce((sum, item) => sum + BigInt(item.unitAmountMinor) * BigInt(item.quantity), 0n);
    if (total !== BigInt(request.amount!.amountMinor)) {
      throw new ValidationError('amount must equal the sum of the line items.', { param: 'amount', code: 'amount_mismatch' });
    }
  }
  request.requestHash = hashOfRequest('native', request);
  return request;
}

/** What an Idempotency-Key is compared against: the normalised request without its context. */
export function hashOfRequest(shape: string, request: CreateCheckoutSessionRequest): string {
  const withoutContext = clone(CreateCheckoutSessionRequestSchema, request);
  withoutContext.context = undefined;
  withoutContext.requestHash = '';
  return requestHash(`${shape}.checkout_session.create`, encodeMessage(CreateCheckoutSessionRequestSchema, withoutContext));
}

/** The native answer (seed 004, DESIGN "HTTP"). */
export function presentNativeSession(view: CheckoutSessionView): Record<string, unknown> {
  const decimals = view.asset?.decimals ?? 18;
  const currency = view.fiat?.currency ?? 'usd';
  const payer = view.payments.find((payment) => payment.status !== PaymentStatus.REVERTED && !payment.afterClose);
  return {
    id: view.sessionId,
    object: 'checkout_session',
    status: STATUS_NAMES[view.status],
    mode: MODE_NAMES[view.mode],
    checkoutUrl: view.checkoutUrl,
    address: view.payToAddress,
    chainId: view.asset?.chainId ?? null,
    asset: {
      code: view.asset?.assetCode ?? '',
      symbol: view.asset?.symbol ?? '',
      decimals,
      tokenAddress: view.asset?.tokenAddress || null,
    },
    amount: atomicPair(view.amountDueAtomic, decimals),
    amountReceived: atomicPair(view.amountReceivedAtomic, decimals),
    fiat: { amount: minorToFiat(view.fiat?.amountMinor ?? '0', currency), currency: currency.toUpperCase() },
    quote: view.quote
      ? { rate: { numerator: view.quote.rateNumerator, denominator: view.quote.rateDenominator }, source: view.quote.source, quotedAt: view.quote.quotedAt }
      : null,
    lineItems: view.lineItems.map((item) => ({
      name: item.name,
      description: item.description || null,
      quantity: item.quantity,
      unitAmount: minorToFiat(item.unitAmountMinor, item.currency || currency),
    })),
    donation: view.donation ? { minimum: { value: minorToFiat(view.donation.minimumAmountMinor, currency), currency: currency.toUpperCase() } } : null,
    payments: view.payments.map((payment) => ({
      chainId: payment.chainId,
      txHash: payment.txHash,
      logIndex: payment.logIndex,
      from: payment.from || null,
      amount: atomicPair(payment.amountAtomic, decimals),
      blockNumber: payment.blockNumber === 0n ? null : Number(payment.blockNumber),
      confirmations: payment.confirmations,
      status: payment.status === PaymentStatus.CONFIRMED ? 'confirmed' : payment.status === PaymentStatus.REVERTED ? 'reverted' : 'detected',
      afterClose: payment.afterClose,
      detectedAt: payment.detectedAt || null,
      confirmedAt: payment.confirmedAt || null,
    })),
    customerAddress: payer?.from || null,
    subscription: view.subscriptionId ? { id: view.subscriptionId, period: view.subscriptionPeriod } : null,
    confirmationsRequired: view.confirmationsRequired,
    successUrl: view.successUrl || null,
    cancelUrl: view.cancelUrl || null,
    clientReferenceId: view.clientReferenceId || null,
    customerEmail: view.customerEmail || null,
    metadata: view.metadata,
    sequence: view.sequence,
    livemode: view.livemode,
    createdAt: view.createdAt,
    expiresAt: view.expiresAt,
    paidAt: view.paidAt || null,
    closedAt: view.closedAt || null,
  };
}
