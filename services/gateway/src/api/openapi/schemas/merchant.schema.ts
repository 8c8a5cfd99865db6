import { closedObject, constant, dateTime, nullable, ref, string, type JsonSchema } from '../json-schema.js';

/** Mirrors the operator's create answer (admin/admin-merchants.controller.ts). */
export const merchantSchemas: Record<string, JsonSchema> = {
  Merchant: closedObject({
    id: string(),
    object: constant('merchant'),
    name: string(),
    email: nullable(string()),
    createdAt: dateTime(),
  }),
  CreatedMerchant: closedObject(
    { merchant: ref('Merchant'), apiKey: nullable(ref('ApiKeyWithSecret')) },
    { description: 'The new merchant and its first test key (the secret is shown once).' },
  ),
};
