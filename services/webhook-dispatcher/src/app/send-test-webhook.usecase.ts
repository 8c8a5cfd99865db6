import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { TestWebhookEndpointResponseSchema, type TestWebhookEndpointRequest, type TestWebhookEndpointResponse } from '@opencheckout/contracts';
import { NotFoundError, StateConflictError, ValidationError } from '@opencheckout/errors';
import { buildWebhookEvent } from '@opencheckout/webhooks';
import type { DataSource } from 'typeorm';
import { sampleSessionObject } from '../domain/sample-session-object.js';
import { webhookEventIdOf } from '../domain/webhook-event-id.js';
import { TESTABLE_WEBHOOK_TYPES } from '../domain/webhook-types.js';
import type { DeliveryRepository } from '../infra/delivery-repository.js';
import type { WebhookMessageStore } from '../infra/webhook-message-store.js';
import { awaitAttempt } from './await-attempt.js';
import { newDeliveryId } from './delivery-ids.js';
import { requireContext, toDeliveryView } from './delivery-view.js';

export interface SendTestWebhookOptions {
  dataSource: DataSource;
  messages: WebhookMessageStore;
  deliveries: DeliveryRepository;
  apiVersion: string;
  wake: () => void;
  clock: () => Date;
  waitMs: number;
}

/**
 * "Send test event": a sample session event of the chosen type to one endpoint,
 * whatever it subscribes to, signed and logged like any delivery (marked test).
 */
export class SendTestWebhookUseCase {
  constructor(private readonly options: SendTestWebhookOptions) {}

  async execute(request: TestWebhookEndpointRequest): Promise<TestWebhookEndpointResponse> {
    const { merchantId, livemode } = requireContext(request.context);
    const { dataSource, messages, deliveries, clock } = this.options;
    const type = request.eventType || 'session.paid';
    if (!TESTABLE_WEBHOOK_TYPES.includes(type)) {
      throw new ValidationError(`Unknown event type '${type}'.`, { code: 'parameter_invalid', param: 'event_type' });
    }
    const endpoint = await deliveries.findEndpoint(request.endpointId, merchantId, livemode);
    if (endpoint === null) throw new NotFoundError('webhook_endpoint', request.endpointId);
    if (endpoint.status !== 'enabled') {
      throw new StateConflictError('The endpoint is disabled; enable it before sending a test event.', { code: 'webhook_endpoint_disabled' });
    }
    const now = clock();
    const eventId = webhookEventIdOf(randomUUID());
    const sessionId = `cs_test_${eventId.slice(4, 28)}`;
    const { body } = buildWebhookEvent({
      id: eventId,
      type,
      apiVersion: this.options.apiVersion,
      created: now,
      livemode,
      sequence: 1,
      object: sampleSessionObject(type, livemode, sessionId, now),
    });
    const deliveryId = newDeliveryId(now);
    await dataSource.transaction(async (manager) => {
      await messages.insertMessage(manager, {
        eventId,
        sourceEventId: null,
        merchantId,
        livemode,
        type,
        sessionId: null,
        sequence: 1,
        body,
        correlationId: request.context?.correlationId || null,
        test: true,
        createdAt: now,
      });
      await messages.insertDeliveries(manager, [
        {
          deliveryId,
          eventId,
          endpointId: endpoint.endpoint_id,
          merchantId,
          livemode,
          eventType: type,
          origin: 'test',
          test: true,
          dedupKey: null,
          status: 'pending',
          nextAttemptAt: now,
          createdAt: now,
        },
      ]);
    });
    this.options.wake();
    const delivery = await awaitAttempt(deliveries, { deliveryId, merchantId, livemode }, 0, this.options.waitMs);
    if (delivery === null) throw new NotFoundError('webhook_delivery', deliveryId);
    const attempts = await deliveries.attemptsOf([deliveryId]);
    return create(TestWebhookEndpointResponseSchema, { delivery: toDeliveryView(delivery, attempts.get(deliveryId) ?? []) });
  }
}
