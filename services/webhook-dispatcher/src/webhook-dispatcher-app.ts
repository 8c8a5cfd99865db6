import { PostgresEventStore } from '@opencheckout/event-store';
import { EventReactor, EventSourcedRuntime } from '@opencheckout/nest-kit';
import { RetrySchedule } from '@opencheckout/webhooks';
import type { Logger } from 'pino';
import { DeliveryWorker } from './app/delivery-worker.js';
import { ListWebhookDeliveriesUseCase } from './app/list-webhook-deliveries.usecase.js';
import { ReplayWebhookEventsUseCase } from './app/replay-webhook-events.usecase.js';
import { RetryWebhookDeliveryUseCase } from './app/retry-webhook-delivery.usecase.js';
import { SendTestWebhookUseCase } from './app/send-test-webhook.usecase.js';
import { SessionEventReactor } from './app/session-event-reactor.js';
import type { WebhookDispatcherConfig } from './config/webhook-dispatcher.config.js';
import { DeliveryRepository, type ClaimedDelivery } from './infra/delivery-repository.js';
import { DISPATCHER_SCHEMA, DispatcherSchema1763900000000 } from './infra/migrations/1763900000000-dispatcher-schema.js';
import { dispatcherProjections } from './infra/projections/webhook-endpoints.projection.js';
import { SecretKeyring } from './infra/secret-keyring.js';
import { WebhookMessageStore } from './infra/webhook-message-store.js';

export const WEBHOOK_DISPATCHER_APP = Symbol('WEBHOOK_DISPATCHER_APP');

export interface WebhookDispatcherAppOptions {
  databaseUrl: string;
  databasePoolSize: number;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  dispatcher: WebhookDispatcherConfig;
  logger: Logger;
  clock?: () => Date;
  /** Retry jitter (default ±20 %); tests pass 0 for exact delays. */
  retryJitter?: number;
  /** Lease beyond the POST timeout before another worker takes a delivery over. */
  leaseMarginMs?: number;
  /** Test hook between claiming a delivery and sending it. */
  beforeSend?: (delivery: ClaimedDelivery) => Promise<void>;
  /** Durable consumer of session facts (replicas share it). */
  reactorDurable?: string;
}

/** The webhook dispatcher wired: runtime, endpoint projection, session reactor, delivery worker, operations. */
export class WebhookDispatcherApp {
  private constructor(
    readonly runtime: EventSourcedRuntime,
    readonly deliveries: DeliveryRepository,
    readonly worker: DeliveryWorker,
    private readonly reactor: EventReactor,
    readonly listDeliveries: ListWebhookDeliveriesUseCase,
    readonly retryDelivery: RetryWebhookDeliveryUseCase,
    readonly sendTest: SendTestWebhookUseCase,
    readonly replay: ReplayWebhookEventsUseCase,
  ) {}

  static async start(options: WebhookDispatcherAppOptions): Promise<WebhookDispatcherApp> {
    const clock = options.clock ?? (() => new Date());
    const config = options.dispatcher;
    const keyring = new SecretKeyring(config.WEBHOOK_SIGNING_PRIVATE_KEY);
    const schedule = RetrySchedule.parse(config.WEBHOOK_RETRY_SCHEDULE, { jitter: options.retryJitter ?? 0.2 });
    const runtime = await EventSourcedRuntime.start({
      service: 'webhook_dispatcher',
      schema: DISPATCHER_SCHEMA,
      databaseUrl: options.databaseUrl,
      databasePoolSize: options.databasePoolSize,
      natsUrl: options.natsUrl,
      streamName: options.streamName,
      subjectPrefix: options.subjectPrefix,
      migrations: [DispatcherSchema1763900000000],
      projections: dispatcherProjections,
      logger: options.logger,
    });
    const deliveries = new DeliveryRepository(runtime.dataSource, DISPATCHER_SCHEMA);
    const messages = new WebhookMessageStore(DISPATCHER_SCHEMA);
    // Attempt outcomes are appended in the worker's own transactions; waking the relay after
    // commit (not inside it) keeps concurrent attempts from queueing on Postgres' notify lock.
    const outcomes = new PostgresEventStore({
      dataSource: runtime.dataSource,
      schema: DISPATCHER_SCHEMA,
      subjectPrefix: options.subjectPrefix,
      logger: options.logger,
      notify: 'after-commit',
    });
    const worker = new DeliveryWorker({
      dataSource: runtime.dataSource,
      store: outcomes,
      deliveries,
      keyring,
      schedule,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      disableAfterMs: config.WEBHOOK_DISABLE_AFTER_SECONDS * 1000,
      allowlist: config.WEBHOOK_URL_ALLOWLIST,
      maxInFlight: config.WEBHOOK_MAX_IN_FLIGHT,
      maxInFlightPerEndpoint: config.WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT,
      pollMs: config.WEBHOOK_POLL_MS,
      leaseMarginMs: options.leaseMarginMs,
      clock,
      logger: options.logger,
      beforeSend: options.beforeSend,
    });
    const wake = () => worker.wake();
    const sessions = new SessionEventReactor({
      dataSource: runtime.dataSource,
      messages,
      apiVersion: config.WEBHOOK_API_VERSION,
      clock,
      onScheduled: wake,
      logger: options.logger,
    });
    const reactor = new EventReactor({
      js: runtime.js,
      jsm: runtime.jsm,
      streamName: options.streamName,
      durable: options.reactorDurable ?? 'webhook_dispatcher_sessions',
      filterSubject: `${options.subjectPrefix}.session.>`,
      handle: (event) => sessions.handle(event),
      logger: options.logger,
    });
    await reactor.start();
    worker.start();
    // An answer waits for the first attempt up to this long; the attempt goes on regardless.
    const waitMs = Math.min(config.WEBHOOK_TIMEOUT_MS + 500, 4_000);
    return new WebhookDispatcherApp(
      runtime,
      deliveries,
      worker,
      reactor,
      new ListWebhookDeliveriesUseCase(deliveries),
      new RetryWebhookDeliveryUseCase(deliveries, wake, clock, waitMs),
      new SendTestWebhookUseCase({
        dataSource: runtime.dataSource,
        messages,
        deliveries,
        apiVersion: config.WEBHOOK_API_VERSION,
        wake,
        clock,
        waitMs,
      }),
      new ReplayWebhookEventsUseCase(runtime.dataSource, messages, deliveries, wake, clock),
    );
  }

  async close(): Promise<void> {
    await this.reactor.stop();
    await this.worker.stop();
    await this.runtime.close();
  }
}
