import {
  WebhookDeliveryStatus,
  WebhookEndpointStatus,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '@opencheckout/contracts';

export const DELIVERY_STATUS_NAMES: Record<WebhookDeliveryStatus, string> = {
  [WebhookDeliveryStatus.UNSPECIFIED]: 'pending',
  [WebhookDeliveryStatus.PENDING]: 'pending',
  [WebhookDeliveryStatus.SUCCEEDED]: 'succeeded',
  [WebhookDeliveryStatus.RETRYING]: 'retrying',
  [WebhookDeliveryStatus.FAILED]: 'failed',
};
export const DELIVERY_STATUS_BY_NAME: Record<string, WebhookDeliveryStatus> = {
  pending: WebhookDeliveryStatus.PENDING,
  succeeded: WebhookDeliveryStatus.SUCCEEDED,
  retrying: WebhookDeliveryStatus.RETRYING,
  failed: WebhookDeliveryStatus.FAILED,
};

export function presentEndpoint(endpoint: WebhookEndpointView): Record<string, unknown> {
  return {
    id: endpoint.endpointId,
    object: 'webhook_endpoint',
    url: endpoint.url,
    description: endpoint.description || null,
    enabledEvents: endpoint.enabledEvents,
    status: endpoint.status === WebhookEndpointStatus.DISABLED ? 'disabled' : 'enabled',
    disabledReason: endpoint.disabledReason || null,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt || null,
    livemode: endpoint.livemode,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt || null,
  };
}

export function presentDelivery(delivery: WebhookDeliveryView): Record<string, unknown> {
  return {
    id: delivery.deliveryId,
    object: 'webhook_delivery',
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: DELIVERY_STATUS_NAMES[delivery.status],
    test: delivery.test,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt || null,
    attempts: delivery.attempts.map((attempt) => ({
      attempt: attempt.attempt,
      at: attempt.attemptedAt,
      httpStatus: attempt.httpStatus === 0 ? null : attempt.httpStatus,
      latencyMs: attempt.latencyMs,
      responseExcerpt: attempt.responseExcerpt,
      error: attempt.error || null,
    })),
    livemode: delivery.livemode,
    createdAt: delivery.createdAt,
  };
}
