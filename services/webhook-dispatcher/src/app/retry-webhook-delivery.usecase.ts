import { create } from '@bufbuild/protobuf';
import { RetryWebhookDeliveryResponseSchema, type RetryWebhookDeliveryRequest, type RetryWebhookDeliveryResponse } from '@opencheckout/contracts';
import { NotFoundError, StateConflictError, ValidationError } from '@opencheckout/errors';
import type { DeliveryRepository } from '../infra/delivery-repository.js';
import { awaitAttempt } from './await-attempt.js';
import { requireContext, toDeliveryView } from './delivery-view.js';

/**
 * Sends one delivery again now, whatever its state: one more attempt on the
 * same delivery, logged like the others. Answers once that attempt is made, or
 * when the wait budget is spent (the attempt still happens).
 */
export class RetryWebhookDeliveryUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly wake: () => void,
    private readonly clock: () => Date,
    private readonly waitMs: number,
  ) {}

  async execute(request: RetryWebhookDeliveryRequest): Promise<RetryWebhookDeliveryResponse> {
    const { merchantId, livemode } = requireContext(request.context);
    if (request.deliveryId === '') throw new ValidationError('delivery_id is required.', { code: 'parameter_missing', param: 'delivery_id' });
    const delivery = await this.deliveries.findDelivery(request.deliveryId, merchantId, livemode);
    if (delivery === null) throw new NotFoundError('webhook_delivery', request.deliveryId);
    const endpoint = await this.deliveries.findEndpoint(delivery.endpointId, merchantId, livemode);
    if (endpoint === null) throw new NotFoundError('webhook_endpoint', delivery.endpointId);
    if (endpoint.status !== 'enabled') {
      throw new StateConflictError('The endpoint is disabled; enable it before retrying.', { code: 'webhook_endpoint_disabled' });
    }
    await this.deliveries.scheduleNow(delivery.deliveryId, this.clock());
    this.wake();
    const after = await awaitAttempt(this.deliveries, { deliveryId: delivery.deliveryId, merchantId, livemode }, delivery.attemptCount, this.waitMs);
    const current = after ?? delivery;
    const attempts = await this.deliveries.attemptsOf([current.deliveryId]);
    return create(RetryWebhookDeliveryResponseSchema, { delivery: toDeliveryView(current, attempts.get(current.deliveryId) ?? []) });
  }
}
