import { create } from '@bufbuild/protobuf';
import {
  ListWebhookDeliveriesResponseSchema,
  type ListWebhookDeliveriesRequest,
  type ListWebhookDeliveriesResponse,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import type { DeliveryStatus } from '../domain/attempt-outcome.js';
import type { DeliveryRepository } from '../infra/delivery-repository.js';
import { parseTime, requireContext, statusFromPb, toDeliveryView } from './delivery-view.js';

/** The merchant's deliveries, newest first, filtered, with their attempts; cursor pages as Stripe does. */
export class ListWebhookDeliveriesUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(request: ListWebhookDeliveriesRequest): Promise<ListWebhookDeliveriesResponse> {
    const { merchantId, livemode } = requireContext(request.context);
    const page = request.page;
    const limit = page?.limit || 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError('limit must be between 1 and 100.', { code: 'parameter_invalid', param: 'limit' });
    }
    if (page?.startingAfter && page.endingBefore) {
      throw new ValidationError('Pass starting_after or ending_before, not both.', { code: 'parameter_invalid', param: 'ending_before' });
    }
    const statuses = request.status.map((status) => {
      const name = statusFromPb(status);
      if (name === undefined) throw new ValidationError('Unknown delivery status.', { code: 'parameter_invalid', param: 'status' });
      return name;
    }) as DeliveryStatus[];
    const { data, hasMore } = await this.deliveries.list({
      merchantId,
      livemode,
      endpointId: request.endpointId || undefined,
      eventId: request.eventId || undefined,
      eventType: request.eventType || undefined,
      statuses,
      createdGte: parseTime(request.created?.gte ?? '', 'created[gte]'),
      createdLte: parseTime(request.created?.lte ?? '', 'created[lte]'),
      startingAfter: page?.startingAfter || undefined,
      endingBefore: page?.endingBefore || undefined,
      limit,
    });
    const attempts = await this.deliveries.attemptsOf(data.map((delivery) => delivery.deliveryId));
    return create(ListWebhookDeliveriesResponseSchema, {
      data: data.map((delivery) => toDeliveryView(delivery, attempts.get(delivery.deliveryId) ?? [])),
      hasMore,
    });
  }
}
