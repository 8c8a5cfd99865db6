import { arrayOf, boolean, closedObject, constant, dateTime, integer, nullable, string, type JsonSchema } from '../json-schema.js';

/** Mirrors presentDelivery (merchant/webhook.presenter.ts): one message, every attempt logged. */
export const webhookDeliverySchemas: Record<string, JsonSchema> = {
  WebhookDelivery: closedObject({
    id: string(),
    object: constant('webhook_delivery'),
    endpointId: string(),
    eventId: string(),
    eventType: string(),
    status: { type: 'string', enum: ['pending', 'succeeded', 'retrying', 'failed'] },
    test: boolean(),
    attemptCount: integer({ minimum: 0 }),
    nextAttemptAt: nullable(dateTime()),
    attempts: arrayOf(
      closedObject({
        attempt: integer({ minimum: 1 }),
        at: dateTime(),
        httpStatus: nullable(integer()),
        latencyMs: integer({ minimum: 0 }),
        responseExcerpt: string(),
        error: nullable(string()),
      }),
    ),
    livemode: boolean(),
    createdAt: dateTime(),
  }),
};
