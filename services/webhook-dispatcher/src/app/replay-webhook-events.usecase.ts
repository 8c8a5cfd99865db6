import { create } from '@bufbuild/protobuf';
import { ReplayWebhookEventsResponseSchema, type ReplayWebhookEventsRequest, type ReplayWebhookEventsResponse } from '@opencheckout/contracts';
import { NotFoundError, StateConflictError, ValidationError } from '@opencheckout/errors';
import type { DataSource } from 'typeorm';
import { SESSION_WEBHOOK_TYPES } from '../domain/webhook-types.js';
import type { DeliveryRepository } from '../infra/delivery-repository.js';
import type { WebhookMessageStore } from '../infra/webhook-message-store.js';
import { newDeliveryId } from './delivery-ids.js';
import { parseTime, requireContext } from './delivery-view.js';

/** At most this many events per replay request; a longer range is refused so it can be split. */
export const MAX_REPLAY_EVENTS = 10_000;

/**
 * Sends again, to one endpoint, every stored event of the chosen types created
 * since a time: a new delivery per event, the same event ids and bodies (so a
 * receiver that saw one already can drop it).
 */
export class ReplayWebhookEventsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: WebhookMessageStore,
    private readonly deliveries: DeliveryRepository,
    private readonly wake: () => void,
    private readonly clock: () => Date,
  ) {}

  async execute(request: ReplayWebhookEventsRequest): Promise<ReplayWebhookEventsResponse> {
    const { merchantId, livemode } = requireContext(request.context);
    const since = parseTime(request.since, 'since');
    if (since === undefined) throw new ValidationError('since is required.', { code: 'parameter_missing', param: 'since' });
    const until = parseTime(request.until, 'until') ?? null;
    const endpoint = await this.deliveries.findEndpoint(request.endpointId, merchantId, livemode);
    if (endpoint === null) throw new NotFoundError('webhook_endpoint', request.endpointId);
    if (endpoint.status !== 'enabled') {
      throw new StateConflictError('The endpoint is disabled; enable it before replaying.', { code: 'webhook_endpoint_disabled' });
    }
    const requested = request.eventTypes.length > 0 ? request.eventTypes : endpoint.enabled_events;
    const types = requested.includes('*') ? [...SESSION_WEBHOOK_TYPES] : requested;
    const unknown = types.filter((type) => !SESSION_WEBHOOK_TYPES.includes(type));
    if (unknown.length > 0) {
      throw new ValidationError(`Unknown event type '${unknown[0]}'.`, { code: 'parameter_invalid', param: 'event_types' });
    }
    const now = this.clock();
    const ids = await this.dataSource.transaction(async (manager) => {
      const found = await this.messages.messagesForReplay(manager, { merchantId, livemode, types, since, until, limit: MAX_REPLAY_EVENTS + 1 });
      if (found.length > MAX_REPLAY_EVENTS) {
        throw new ValidationError(`More than ${MAX_REPLAY_EVENTS} events match; replay a shorter range.`, { code: 'replay_too_large', param: 'since' });
      }
      return this.messages.insertDeliveries(
        manager,
        found.map((message) => ({
          deliveryId: newDeliveryId(now),
          eventId: message.eventId,
          endpointId: endpoint.endpoint_id,
          merchantId,
          livemode,
          eventType: message.type,
          origin: 'replay' as const,
          test: false,
          dedupKey: null,
          status: 'pending' as const,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
    });
    if (ids.length > 0) this.wake();
    return create(ReplayWebhookEventsResponseSchema, { scheduled: ids.length, deliveryIds: ids });
  }
}
