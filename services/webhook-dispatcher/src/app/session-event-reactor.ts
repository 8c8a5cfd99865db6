import type { EventMessage } from '@opencheckout/messaging';
import { buildWebhookEvent } from '@opencheckout/webhooks';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { evolveSessionObject } from '../domain/session-object.js';
import { webhookEventIdOf } from '../domain/webhook-event-id.js';
import { isSessionWebhookType } from '../domain/webhook-types.js';
import type { WebhookMessageStore } from '../infra/webhook-message-store.js';
import { newDeliveryId } from './delivery-ids.js';

export interface SessionEventReactorOptions {
  dataSource: DataSource;
  messages: WebhookMessageStore;
  apiVersion: string;
  clock: () => Date;
  /** Called after a commit that scheduled deliveries (wakes the worker). */
  onScheduled: () => void;
  logger: Logger;
}

/**
 * Turns session facts into webhook messages: folds the fact into the session's
 * webhook view, and for a subscribable type writes the immutable message and one
 * delivery per subscribed endpoint — all in one transaction, idempotent on the
 * event id, so a redelivered JetStream message adds nothing.
 */
export class SessionEventReactor {
  private readonly log: Logger;

  constructor(private readonly options: SessionEventReactorOptions) {
    this.log = options.logger.child({ context: 'SessionEventReactor' });
  }

  async handle(event: EventMessage): Promise<void> {
    if (!event.type.startsWith('session.')) return;
    const data = event.data;
    const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
    if (sessionId === '') return;
    const merchantId = typeof data.merchantId === 'string' && data.merchantId !== '' ? data.merchantId : (event.metadata.merchantId ?? '');
    const livemode = typeof data.livemode === 'boolean' ? data.livemode : event.metadata.livemode === true;
    const { dataSource, messages } = this.options;
    const scheduled = await dataSource.transaction(async (manager) => {
      const current = await messages.lockSessionObject(manager, sessionId);
      if (current !== null && current.sequence >= event.version) return 0;
      if (current !== null && event.version > current.sequence + 1) {
        this.log.warn({ sessionId, sequence: current.sequence, version: event.version }, 'session fact skips a sequence');
      }
      const state = evolveSessionObject(current?.state ?? null, event, event.version);
      await messages.saveSessionObject(manager, { sessionId, merchantId, livemode, sequence: event.version, state });
      if (!isSessionWebhookType(event.type)) return 0;
      const eventId = webhookEventIdOf(event.eventId);
      const createdAt = new Date(event.occurredAt);
      const { body } = buildWebhookEvent({
        id: eventId,
        type: event.type,
        apiVersion: this.options.apiVersion,
        created: createdAt,
        livemode,
        sequence: event.version,
        object: state.object,
      });
      await messages.insertMessage(manager, {
        eventId,
        sourceEventId: event.eventId,
        merchantId,
        livemode,
        type: event.type,
        sessionId,
        sequence: event.version,
        body,
        correlationId: event.metadata.correlationId,
        test: false,
        createdAt,
      });
      const endpointIds = await messages.subscribedEndpointIds(manager, merchantId, livemode, event.type, createdAt);
      const now = this.options.clock();
      const inserted = await messages.insertDeliveries(
        manager,
        endpointIds.map((endpointId) => ({
          deliveryId: newDeliveryId(now),
          eventId,
          endpointId,
          merchantId,
          livemode,
          eventType: event.type,
          origin: 'event' as const,
          test: false,
          dedupKey: `${eventId}:${endpointId}`,
          status: 'pending' as const,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
      return inserted.length;
    });
    if (scheduled > 0) this.options.onScheduled();
  }
}
