import { createPublicClient, http } from 'viem';
import { devChainsConfig, parseChainsConfig, rateSourceFromConfig, type ChainConfig } from '@opencheckout/chain';
import type { ExpireCheckoutSessionRequest, CheckoutSessionView } from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import { EventReactor, EventSourcedRuntime } from '@opencheckout/nest-kit';
import type { Logger } from 'pino';
import { ChainCatalog } from './app/chain-catalog.js';
import { ChangeSessionUseCase } from './app/change-session.usecase.js';
import { CreateCheckoutSessionUseCase } from './app/create-checkout-session.usecase.js';
import { ExpirySweeper } from './app/expiry-sweeper.js';
import { PaymentReactor } from './app/payment-reactor.js';
import { ReadCheckoutSessionsUseCase } from './app/read-checkout-sessions.usecase.js';
import { SessionRepository } from './app/session-repository.js';
import type { SessionConfig } from './config/session.config.js';
import { AddressAllocator } from './infra/address-allocator.js';
import { IdempotencyStore } from './infra/idempotency-store.js';
import { SESSION_SCHEMA, SessionSchema1763800000000 } from './infra/migrations/1763800000000-session-schema.js';
import { SubscriptionColumns1763900000000 } from './infra/migrations/1763900000000-subscription-columns.js';
import { ChooseDonationAmountUseCase } from './app/choose-donation-amount.usecase.js';
import { SubscriptionRenewals } from './app/subscriptions.js';
import { sessionProjections } from './infra/projections/index.js';

export const SESSION_APP = Symbol('SESSION_APP');

export interface SessionAppOptions {
  databaseUrl: string;
  databasePoolSize: number;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  session: SessionConfig;
  logger: Logger;
  clock?: () => Date;
}

function chainsFrom(config: SessionConfig): ChainConfig[] {
  if (config.CHAINS_JSON) return parseChainsConfig(config.CHAINS_JSON);
  return devChainsConfig({ rpcHttp: config.CHAIN_RPC_URL, usdcAddress: config.DEV_USDC_ADDRESS });
}

/** The session service wired: runtime, use cases, the payment reactor and the expiry sweeper. */
export class SessionApp {
  private constructor(
    readonly runtime: EventSourcedRuntime,
    readonly create: CreateCheckoutSessionUseCase,
    readonly read: ReadCheckoutSessionsUseCase,
    readonly change: ChangeSessionUseCase,
    private readonly reactor: EventReactor,
    readonly sweeper: ExpirySweeper,
    readonly subscriptions: SubscriptionRenewals,
    readonly donations: ChooseDonationAmountUseCase,
    private readonly addresses: AddressAllocator,
    private readonly clock: () => Date,
  ) {}

  static async start(options: SessionAppOptions): Promise<SessionApp> {
    const clock = options.clock ?? (() => new Date());
    const runtime = await EventSourcedRuntime.start({
      service: 'session',
      schema: SESSION_SCHEMA,
      databaseUrl: options.databaseUrl,
      databasePoolSize: options.databasePoolSize,
      natsUrl: options.natsUrl,
      streamName: options.streamName,
      subjectPrefix: options.subjectPrefix,
      migrations: [SessionSchema1763800000000, SubscriptionColumns1763900000000],
      projections: sessionProjections,
      logger: options.logger,
      // Creating sessions concurrently is the hot path; the create use case wakes the relay after its commit.
      notify: 'after-commit',
    });
    const config = options.session;
    const catalog = new ChainCatalog(
      chainsFrom(config).map((chain) => ({
        chain,
        rates: rateSourceFromConfig({
          assets: chain.assets,
          client: createPublicClient({ transport: http(chain.rpcHttp) }),
        }),
      })),
    );
    const sessions = new SessionRepository(runtime.store);
    const addresses = new AddressAllocator(options.databaseUrl, SESSION_SCHEMA);
    const create = new CreateCheckoutSessionUseCase(
      runtime.dataSource,
      runtime.store,
      sessions,
      new IdempotencyStore(SESSION_SCHEMA),
      addresses,
      catalog,
      {
        publicUrl: config.PUBLIC_URL,
        defaultExpiresSeconds: config.SESSION_DEFAULT_EXPIRES_SECONDS,
        minExpiresSeconds: config.SESSION_MIN_EXPIRES_SECONDS,
        maxExpiresSeconds: config.SESSION_MAX_EXPIRES_SECONDS,
        lateGraceSeconds: config.SESSION_LATE_GRACE_SECONDS,
      },
      clock,
    );
    const read = new ReadCheckoutSessionsUseCase(runtime.dataSource, SESSION_SCHEMA, sessions, config.PUBLIC_URL);
    const change = new ChangeSessionUseCase(sessions, config.PUBLIC_URL);
    const payments = new PaymentReactor(change, options.logger);
    const reactor = new EventReactor({
      js: runtime.js,
      jsm: runtime.jsm,
      streamName: options.streamName,
      durable: 'session_payments',
      filterSubject: `${options.subjectPrefix}.payment.>`,
      handle: (event) => payments.handle(event),
      logger: options.logger,
    });
    await reactor.start();
    const sweeper = new ExpirySweeper(runtime.dataSource, SESSION_SCHEMA, change, clock, config.SESSION_EXPIRY_SWEEP_MS, options.logger);
    sweeper.start();
    const subscriptions = new SubscriptionRenewals(
      runtime.dataSource,
      SESSION_SCHEMA,
      create,
      change,
      sessions,
      clock,
      config.SUBSCRIPTION_RENEWAL_LEAD_SECONDS,
      config.SUBSCRIPTION_RENEWAL_SWEEP_MS,
      options.logger,
    );
    subscriptions.start();
    const donations = new ChooseDonationAmountUseCase(sessions, change, clock);
    return new SessionApp(runtime, create, read, change, reactor, sweeper, subscriptions, donations, addresses, clock);
  }

  /** The merchant expires its session early: `canceled`. */
  expire(request: ExpireCheckoutSessionRequest): Promise<CheckoutSessionView> {
    const context = request.context;
    if (context === undefined || context.merchantId === '') {
      throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
    }
    const now = this.clock();
    return this.change.execute(request.sessionId, { kind: 'cancel', at: now.getTime() }, {
      merchantId: context.merchantId,
      livemode: context.livemode,
      correlationId: context.correlationId || undefined,
      occurredAt: now.toISOString(),
    });
  }

  async close(): Promise<void> {
    this.sweeper.stop();
    this.subscriptions.stop();
    await this.reactor.stop();
    await this.runtime.close();
    await this.addresses.close();
  }
}
