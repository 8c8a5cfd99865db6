import { create } from '@bufbuild/protobuf';
import {
  WebhookAttemptViewSchema,
  WebhookDeliveryStatus,
  WebhookDeliveryViewSchema,
  type RequestContext,
  type WebhookDeliveryView,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import type { DeliveryStatus } from '../domain/attempt-outcome.js';
import type { AttemptRecord, DeliveryRecord } from '../infra/delivery-repository.js';

const STATUS_TO_PB: Record<DeliveryStatus, WebhookDeliveryStatus> = {
  pending: WebhookDeliveryStatus.PENDING,
  succeeded: WebhookDeliveryStatus.SUCCEEDED,
  retrying: WebhookDeliveryStatus.RETRYING,
  failed: WebhookDeliveryStatus.FAILED,
};

export function statusFromPb(status: WebhookDeliveryStatus): DeliveryStatus | undefined {
  return (Object.entries(STATUS_TO_PB) as [DeliveryStatus, WebhookDeliveryStatus][]).find(([, pb]) => pb === status)?.[0];
}

export function toDeliveryView(delivery: DeliveryRecord, attempts: AttemptRecord[]): WebhookDeliveryView {
  return create(WebhookDeliveryViewSchema, {
    deliveryId: delivery.deliveryId,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: STATUS_TO_PB[delivery.status],
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt && (delivery.status === 'pending' || delivery.status === 'retrying') ? delivery.nextAttemptAt.toISOString() : '',
    attempts: attempts.map((attempt) =>
      create(WebhookAttemptViewSchema, {
        attempt: attempt.attempt,
        httpStatus: attempt.httpStatus ?? 0,
        latencyMs: attempt.latencyMs,
        responseExcerpt: attempt.responseExcerpt,
        error: attempt.error ?? '',
        attemptedAt: attempt.attemptedAt.toISOString(),
      }),
    ),
    livemode: delivery.livemode,
    createdAt: delivery.createdAt.toISOString(),
    test: delivery.test,
  });
}

/** The merchant and mode a request acts for; every read and write is scoped by them. */
export function requireContext(context: RequestContext | undefined): { merchantId: string; livemode: boolean } {
  if (context === undefined || context.merchantId === '') {
    throw new ValidationError('The request has no merchant context.', { code: 'context_missing' });
  }
  return { merchantId: context.merchantId, livemode: context.livemode };
}

export function parseTime(text: string, param: string): Date | undefined {
  if (text === '') return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new ValidationError(`${param} must be an RFC 3339 time.`, { code: 'parameter_invalid', param });
  return date;
}
