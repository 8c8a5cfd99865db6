import { boolean, closedObject, constant, integer, string, type JsonSchema } from '../json-schema.js';

/** Mirrors the event presenter in merchant/insights.controller.ts: the merchant's events, newest first. */
export const eventSchemas: Record<string, JsonSchema> = {
  Event: closedObject({
    id: string(),
    object: constant('event'),
    type: string({ examples: ['session.paid'] }),
    created: integer({ description: 'Unix seconds.' }),
    livemode: boolean(),
    sequence: integer({ minimum: 0, description: 'The per-stream sequence number.' }),
    streamId: string(),
    data: { type: 'object', description: 'The event payload.' },
  }),
};
