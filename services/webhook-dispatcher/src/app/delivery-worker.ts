import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import {
  WebhookDeliveryFailedSchema,
  WebhookDeliverySucceededSchema,
  WebhookEndpointDisabledSchema,
  encodeEventData,
} from '@opencheckout/contracts';
import type { PostgresEventStore } from '@opencheckout/event-store';
import {
  assertDeliverableUrl,
  deliverWebhook,
  signWebhook,
  type DeliverWebhookReturnType,
  type RetrySchedule,
} from '@opencheckout/webhooks';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { decideAttemptOutcome, type AttemptOutcome } from '../domain/attempt-outcome.js';
import { activeSecretCiphertexts } from '../domain/webhook-endpoint.js';
import type { ClaimedDelivery, DeliveryRepository } from '../infra/delivery-repository.js';
import type { SecretKeyring } from '../infra/secret-keyring.js';

export interface DeliveryWorkerOptions {
  dataSource: DataSource;
  store: PostgresEventStore;
  deliveries: DeliveryRepository;
  keyring: SecretKeyring;
  schedule: RetrySchedule;
  timeoutMs: number;
  disableAfterMs: number;
  allowlist: readonly string[];
  maxInFlight: number;
  maxInFlightPerEndpoint: number;
  pollMs: number;
  /** Lease beyond the POST timeout before another worker may take a delivery over. Default 15 s. */
  leaseMarginMs?: number;
  clock: () => Date;
  logger: Logger;
  /** Test hook: runs after a delivery is claimed and before it is sent. */
  beforeSend?: (delivery: ClaimedDelivery) => Promise<void>;
}

const EXCERPT_CHARS = 1024;

/**
 * Sends due deliveries: leases them from Postgres (shared by replicas,
 * surviving restarts), signs with every active secret, POSTs, and records each
 * attempt, its outcome event and the next attempt in one transaction. Bounded
 * in flight overall and per endpoint, so a slow endpoint only ever holds its
 * own slots.
 */
export class DeliveryWorker {
  readonly owner = `worker-${randomUUID()}`;
  private readonly log: Logger;
  private readonly inFlight = new Map<string, { delivery: ClaimedDelivery; abort: AbortController; done: Promise<void> }>();
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.log = options.logger.child({ context: 'DeliveryWorker' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Look for due deliveries now (something was scheduled). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Stops claiming, abandons deliveries not yet answered and gives their leases
   * back, so another worker (or this one after a restart) sends them.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.all([...this.inFlight.values()].map((entry) => entry.done));
  }

  private async run(): Promise<void> {
    const { maxInFlight, maxInFlightPerEndpoint, pollMs, deliveries, clock } = this.options;
    const leaseMs = this.options.timeoutMs + (this.options.leaseMarginMs ?? 15_000);
    while (this.running) {
      this.woken = false;
      let claimed: ClaimedDelivery[] = [];
      const free = maxInFlight - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await deliveries.claim({ owner: this.owner, now: clock(), leaseMs, limit: free, perEndpoint: maxInFlightPerEndpoint });
        } catch (error) {
          this.log.error({ err: error }, 'claiming deliveries failed; will retry');
        }
      }
      for (const delivery of claimed) this.launch(delivery);
      // A full batch may mean more are due: go again at once.
      if (claimed.length > 0 && claimed.length === free) continue;
      if (!this.running) break;
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private launch(delivery: ClaimedDelivery): void {
    const abort = new AbortController();
    const done = this.process(delivery, abort.signal)
      .catch((error: unknown) => {
        this.log.error({ err: error, deliveryId: delivery.deliveryId }, 'delivery attempt failed unexpectedly; lease will lapse');
      })
      .finally(() => {
        this.inFlight.delete(delivery.deliveryId);
        this.wake();
      });
    this.inFlight.set(delivery.deliveryId, { delivery, abort, done });
  }

  private async process(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    if (this.options.beforeSend) await this.options.beforeSend(delivery);
    if (signal.aborted) {
      await this.options.deliveries.release(this.owner, [delivery.deliveryId]);
      return;
    }
    const result = await this.send(delivery, signal);
    if (result === 'abandoned') {
      await this.options.deliveries.release(this.owner, [delivery.deliveryId]);
      return;
    }
    await this.record(delivery, result);
  }

  private async send(delivery: ClaimedDelivery, signal: AbortSignal): Promise<(DeliverWebhookReturnType & { errorText?: string }) | 'abandoned'> {
    const { endpoint } = delivery;
    const now = this.options.clock();
    try {
      await assertDeliverableUrl(endpoint.url, { mode: delivery.livemode ? 'live' : 'test', allowlist: this.options.allowlist });
    } catch (error) {
      return { ok: false, latencyMs: 0, responseExcerpt: '', errorText: `url_refused: ${(error as Error).message}` };
    }
    let secrets: string[];
    try {
      secrets = activeSecretCiphertexts(endpoint, now).map((ciphertext) => this.options.keyring.open(ciphertext));
    } catch (error) {
      this.log.error({ err: error, endpointId: endpoint.endpoint_id }, 'endpoint secret cannot be opened');
      return { ok: false, latencyMs: 0, responseExcerpt: '', errorText: 'secret_unreadable' };
    }
    const headers = signWebhook({
      secret: secrets,
      payload: delivery.body,
      eventId: delivery.eventId,
      timestamp: Math.floor(now.getTime() / 1000),
    });
    const outcome = await Promise.race([
      deliverWebhook({ url: endpoint.url, body: delivery.body, headers, timeoutMs: this.options.timeoutMs }),
      new Promise<'abandoned'>((resolve) => {
        if (signal.aborted) resolve('abandoned');
        signal.addEventListener('abort', () => resolve('abandoned'), { once: true });
      }),
    ]);
    return outcome;
  }

  private async record(delivery: ClaimedDelivery, result: DeliverWebhookReturnType & { errorText?: string }): Promise<void> {
    const { dataSource, deliveries, store, schedule, clock } = this.options;
    const now = clock();
    let outcome: AttemptOutcome | undefined;
    await dataSource.transaction(async (manager) => {
      if (!(await deliveries.lockLeased(manager, delivery.deliveryId, this.owner, delivery.attempt))) {
        this.log.warn({ deliveryId: delivery.deliveryId }, 'lease lost before the attempt was recorded');
        return;
      }
      const endpoint = await deliveries.lockEndpoint(manager, delivery.endpointId);
      const storedSince = await deliveries.lockHealth(manager, delivery.endpointId);
      // A run of failures from before the endpoint was (re-)enabled does not count.
      const enabledAt = endpoint ? new Date(endpoint.status_changed_at) : null;
      const failingSince = storedSince !== null && (enabledAt === null || storedSince >= enabledAt) ? storedSince : null;
      outcome = decideAttemptOutcome({
        attempt: delivery.attempt,
        result: { ok: result.ok, status: result.status, retryAfter: result.retryAfter },
        now,
        nextAttemptAt: (attempt, at, retryAfter) => schedule.nextAttemptAt(attempt, at, retryAfter),
        failingSince,
        disableAfterMs: this.options.disableAfterMs,
      });
      const error = result.errorText ?? result.error ?? (result.ok ? null : `http_${result.status ?? 0}`);
      const excerpt = result.responseExcerpt.slice(0, EXCERPT_CHARS);
      await deliveries.insertAttempt(manager, {
        deliveryId: delivery.deliveryId,
        endpointId: delivery.endpointId,
        attempt: delivery.attempt,
        succeeded: result.ok,
        httpStatus: result.status ?? null,
        latencyMs: result.latencyMs,
        responseExcerpt: excerpt,
        error,
        attemptedAt: now,
        nextAttemptAt: outcome.nextAttemptAt,
      });
      await deliveries.finishAttempt(manager, delivery.deliveryId, {
        status: outcome.status,
        attempt: delivery.attempt,
        nextAttemptAt: outcome.nextAttemptAt,
        now,
      });
      await deliveries.saveHealth(manager, delivery.endpointId, outcome.failingSince, now, result.ok);
      const metadata = {
        merchantId: delivery.merchantId,
        livemode: delivery.livemode,
        occurredAt: now.toISOString(),
        ...(delivery.correlationId ? { correlationId: delivery.correlationId } : {}),
        ...(delivery.sourceEventId ? { causationId: delivery.sourceEventId } : {}),
      };
      const common = {
        deliveryId: delivery.deliveryId,
        endpointId: delivery.endpointId,
        merchantId: delivery.merchantId,
        livemode: delivery.livemode,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        attempt: delivery.attempt,
        httpStatus: result.status ?? 0,
        latencyMs: result.latencyMs,
        responseExcerpt: excerpt,
      };
      const fact = result.ok
        ? { type: 'webhook.delivery_succeeded', data: encodeEventData('webhook.delivery_succeeded', create(WebhookDeliverySucceededSchema, common)) }
        : {
            type: 'webhook.delivery_failed',
            data: encodeEventData(
              'webhook.delivery_failed',
              create(WebhookDeliveryFailedSchema, {
                ...common,
                nextAttemptAt: outcome.nextAttemptAt?.toISOString() ?? '',
                error: error ?? '',
              }),
            ),
          };
      await store.appendToStream(`webhook_delivery-${delivery.deliveryId}`, [{ ...fact, metadata }], {
        expectedVersion: 'any',
        manager,
      });
      if (outcome.disableReason !== null && endpoint !== null && endpoint.status === 'enabled') {
        const disabledAt = now.toISOString();
        await store.appendToStream(
          `webhook_endpoint-${delivery.endpointId}`,
          [
            {
              type: 'webhook.endpoint_disabled',
              data: encodeEventData(
                'webhook.endpoint_disabled',
                create(WebhookEndpointDisabledSchema, {
                  endpointId: delivery.endpointId,
                  merchantId: delivery.merchantId,
                  livemode: delivery.livemode,
                  reason: outcome.disableReason,
                  disabledAt,
                }),
              ),
              metadata,
            },
          ],
          { expectedVersion: 'any', manager },
        );
        await deliveries.markEndpointDisabled(manager, delivery.endpointId, outcome.disableReason, disabledAt);
        this.log.warn({ endpointId: delivery.endpointId, reason: outcome.disableReason }, 'endpoint disabled');
      }
    });
    if (outcome !== undefined) {
      await store.notifyRelay().catch((error: unknown) => this.log.warn({ err: error }, 'relay wake-up failed; it will poll'));
    }
    const next = outcome?.nextAttemptAt;
    if (next) this.wakeAt(next);
  }

  /** Retries due sooner than the next poll still go on time. */
  private wakeAt(at: Date): void {
    const delay = at.getTime() - this.options.clock().getTime();
    if (delay >= this.options.pollMs) return;
    setTimeout(() => this.wake(), Math.max(0, delay) + 1).unref();
  }

  /** Deliveries this worker is sending now (for tests and shutdown). */
  get inFlightCount(): number {
    return this.inFlight.size;
  }
}
