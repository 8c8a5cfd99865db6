import { closedObject, constant, dateTime, string, type JsonSchema } from '../json-schema.js';

/** Mirrors the cancel answer in merchant/subscriptions.controller.ts. */
export const subscriptionSchemas: Record<string, JsonSchema> = {
  CanceledSubscription: closedObject({
    id: string(),
    object: constant('subscription'),
    status: constant('canceled'),
    lastSessionId: string({ description: 'The session the cancellation was recorded on (the subscription\'s latest).' }),
    canceledAt: dateTime(),
  }),
};
