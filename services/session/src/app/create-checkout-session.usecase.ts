import { create } from '@bufbuild/protobuf';
import { fiatDecimals, fiatToAtomic } from '@opencheckout/chain';
import {
  ApiShape,
  CheckoutSessionViewSchema,
  PaymentAssetSchema,
  PayToSchema,
  PriceQuoteSchema,
  SessionCreatedSchema,
  SessionMode,
  decodeMessage,
  encodeMessage,
  type CheckoutSessionView,
  type CreateCheckoutSessionRequest,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import { monotonicFactory } from 'ulidx';
import type { DataSource } from 'typeorm';
import type { PostgresEventStore } from '@opencheckout/event-store';
import { decide } from '../domain/checkout-session.decider.js';
import { evolveView } from '../domain/session-view.js';
import type { AddressAllocator } from '../infra/address-allocator.js';
import type { IdempotencyStore } from '../infra/idempotency-store.js';
import type { ChainCatalog } from './chain-catalog.js';
import { presentView } from './present-view.js';
import type { SessionRepository } from './session-repository.js';

export interface SessionPolicy {
  publicUrl: string;
  defaultExpiresSeconds: number;
  minExpiresSeconds: number;
  maxExpiresSeconds: number;
  lateGraceSeconds: number;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const nextUlid = monotonicFactory();

/** The fiat total: the amount given, or the sum of the line items (all in one currency). */
function fiatTotal(request: CreateCheckoutSessionRequest): { minor: bigint; currency: string } {
  if (request.lineItems.length > 0) {
    const currency = request.lineItems[0]!.currency.toLowerCase();
    let minor = 0n;
    request.lineItems.forEach((item, index) => {
      if (item.currency.toLowerCase() !== currency) {
        throw new ValidationError('All line items must use the same currency.', {
          param: `line_items[${index}][price_data][currency]`,
          code: 'currency_mismatch',
        });
      }
      minor += BigInt(item.unitAmountMinor) * BigInt(item.quantity);
    });
    return { minor, currency };
  }
  if (request.amount === undefined) {
    throw new ValidationError('Give an amount or line items.', { param: 'amount', code: 'parameter_missing' });
  }
  return { minor: BigInt(request.amount.amountMinor), currency: request.amount.currency.toLowerCase() };
}

/** Subscription mode: a first session opens subscription `sub_…` at period 1; renewals carry theirs. */
function subscriptionTerms(request: CreateCheckoutSessionRequest, sessionId: string, now: Date) {
  if (request.mode !== SessionMode.SUBSCRIPTION) return {};
  if (request.subscriptionId !== '') {
    return {
      subscriptionId: request.subscriptionId,
      subscriptionPeriod: request.subscriptionPeriod,
      subscriptionAnchor: request.subscriptionAnchor,
    };
  }
  if (!request.lineItems.some((item) => item.recurring !== undefined)) {
    throw new ValidationError('Subscription mode needs a recurring interval on a line item.', {
      param: 'line_items[0][price_data][recurring]',
      code: 'parameter_missing',
    });
  }
  return { subscriptionId: `sub_${sessionId.slice(sessionId.lastIndexOf('_') + 1)}`, subscriptionPeriod: 1, subscriptionAnchor: now.toISOString() };
}

/** Creates a checkout session: quote locked, address allocated, session.created appended, all or nothing. */
export class CreateCheckoutSessionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PostgresEventStore,
    private readonly sessions: SessionRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly addresses: AddressAllocator,
    private readonly catalog: ChainCatalog,
    private readonly policy: SessionPolicy,
    private readonly clock: () => Date,
  ) {}

  /** `trusted`: the service itself opening a subscription's next period (subscription fields are honoured only then). */
  async execute(request: CreateCheckoutSessionRequest, options: { trusted?: boolean } = {}): Promise<CheckoutSessionView> {
    if (!options.trusted) {
      request.subscriptionId = '';
      request.subscriptionPeriod = 0;
      request.subscriptionAnchor = '';
    }
    const context = request.context;
    if (context === undefined || context.merchantId === '') {
      throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
    }
    const now = this.clock();
    const expiresIn = request.expiresInSeconds ?? this.policy.defaultExpiresSeconds;
    if (expiresIn < this.policy.minExpiresSeconds || expiresIn > this.policy.maxExpiresSeconds) {
      throw new ValidationError(
        `expiresInSeconds must be between ${this.policy.minExpiresSeconds} and ${this.policy.maxExpiresSeconds}.`,
        { param: 'expires_in_seconds', code: 'expiry_out_of_range' },
      );
    }
    const { chain, asset, rates } = this.catalog.resolve(context.livemode, request.chainId, request.assetCode);
    const fiat = fiatTotal(request);
    const donation = request.mode === SessionMode.DONATION;
    const chargedMinor = donation ? BigInt(request.donation?.minimumAmountMinor || '0') : fiat.minor;
    if (!donation && chargedMinor <= 0n) {
      throw new ValidationError('The amount must be greater than zero.', { param: 'amount', code: 'amount_too_small' });
    }
    // Quoted before the transaction: a slow rate source must not hold a database transaction open.
    const quote = await rates.quote(asset.code, fiat.currency.toUpperCase());
    const amountDue = fiatToAtomic({
      amountMinor: chargedMinor,
      fiatDecimals: fiatDecimals(fiat.currency.toUpperCase()),
      rate: { numerator: quote.numerator, denominator: quote.denominator },
      assetDecimals: asset.decimals,
    });
    if (!donation && amountDue <= 0n) {
      throw new ValidationError('The amount is too small to pay on chain.', { param: 'amount', code: 'amount_too_small' });
    }

    const key = context.idempotencyKey;
    const view = await this.dataSource.transaction(async (manager) => {
      const claim = {
        merchantId: context.merchantId,
        livemode: context.livemode,
        key,
        operation: 'checkout_session.create',
        requestHash: request.requestHash,
        now,
        ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
      };
      if (key !== '') {
        const prior = await this.idempotency.claim(manager, claim);
        if (prior !== null) return decodeMessage(CheckoutSessionViewSchema, prior as never);
      }
      // After the claim, so concurrent twins of one request never take an address.
      const payTo = await this.addresses.allocate(context.merchantId, context.livemode);
      const sessionId = `cs_${context.livemode ? 'live' : 'test'}_${nextUlid(now.getTime())}`;
      const terms = create(SessionCreatedSchema, {
        sessionId,
        merchantId: context.merchantId,
        livemode: context.livemode,
        mode: request.mode === SessionMode.UNSPECIFIED ? SessionMode.PAYMENT : request.mode,
        apiShape: request.apiShape === ApiShape.UNSPECIFIED ? ApiShape.NATIVE : request.apiShape,
        fiat: { amountMinor: fiat.minor.toString(), currency: fiat.currency },
        lineItems: request.lineItems,
        asset: create(PaymentAssetSchema, {
          chainId: chain.id,
          assetCode: asset.code,
          symbol: asset.symbol,
          decimals: asset.decimals,
          tokenAddress: asset.address ?? '',
        }),
        amountDueAtomic: amountDue.toString(),
        quote: create(PriceQuoteSchema, {
          rateNumerator: quote.numerator.toString(),
          rateDenominator: quote.denominator.toString(),
          source: quote.source,
          quotedAt: quote.quotedAt.toISOString(),
        }),
        payTo: create(PayToSchema, { address: payTo.address, walletId: payTo.walletId, derivationIndex: payTo.index }),
        donation: request.donation,
        expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
        confirmationsRequired: chain.confirmations,
        lateGraceSeconds: this.policy.lateGraceSeconds,
        metadata: request.metadata,
        successUrl: request.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', sessionId),
        cancelUrl: request.cancelUrl,
        clientReferenceId: request.clientReferenceId,
        customerEmail: request.customerEmail,
        createdAt: now.toISOString(),
        ...subscriptionTerms(request, sessionId, now),
      });
      const events = decide({ kind: 'create', terms }, null);
      await this.sessions.append(sessionId, events, 'no_stream', {
        occurredAt: now.toISOString(),
        correlationId: context.correlationId || undefined,
      }, manager);
      const view = presentView(evolveView(null, events[0]!, now.toISOString()), this.policy.publicUrl);
      if (key !== '') await this.idempotency.complete(manager, claim, encodeMessage(CheckoutSessionViewSchema, view));
      return view;
    });
    // Appended in this use case's own transaction: wake the relay now that it committed.
    await this.store.notifyRelay().catch(() => undefined);
    return view;
  }
}
