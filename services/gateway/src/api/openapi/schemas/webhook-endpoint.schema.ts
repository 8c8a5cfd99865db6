import { arrayOf, boolean, closedObject, constant, dateTime, integer, nullable, string, type JsonSchema } from '../json-schema.js';

const endpointProperties = {
  id: string(),
  object: constant('webhook_endpoint'),
  url: string(),
  description: nullable(string()),
  enabledEvents: arrayOf(string({ examples: ['session.paid'] })),
  status: { type: 'string', enum: ['enabled', 'disabled'] },
  disabledReason: nullable(string()),
  previousSecretExpiresAt: nullable(dateTime({ description: 'Until then the previous secret signs too (after a rotation).' })),
  livemode: boolean(),
  createdAt: dateTime(),
  updatedAt: nullable(dateTime()),
};

/** Mirrors presentEndpoint (merchant/webhook.presenter.ts); the signing secret appears only when created or rotated. */
export const webhookEndpointSchemas: Record<string, JsonSchema> = {
  WebhookEndpoint: closedObject(endpointProperties),
  WebhookEndpointWithSecret: closedObject({
    ...endpointProperties,
    secret: string({ description: 'The signing secret. Shown once: store it now.' }),
  }),
  DeletedWebhookEndpoint: closedObject({ id: string(), object: constant('webhook_endpoint'), deleted: boolean() }),
  WebhookReplay: closedObject({
    object: constant('webhook_replay'),
    scheduled: integer({ minimum: 0 }),
    deliveryIds: arrayOf(string()),
  }),
};
