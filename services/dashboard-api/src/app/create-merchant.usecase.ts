import { create, type JsonValue } from '@bufbuild/protobuf';
import { generateApiKey } from '@opencheckout/api-keys';
import {
  CreateMerchantRequestSchema,
  CreateMerchantResponseSchema,
  decodeMessage,
  encodeMessage,
  type CreateMerchantRequest,
  type CreateMerchantResponse,
} from '@opencheckout/contracts';
import { FULL_SCOPES } from '../domain/api-key-scopes.js';
import { decide, evolve } from '../domain/merchant.decider.js';
import { defaultSettings } from '../domain/merchant.js';
import { OPERATOR_SCOPE } from '../infra/idempotency-store.js';
import { newId } from './ids.js';
import type { MerchantWriter } from './merchant-writer.js';
import { requestHash } from './merchant-writer.js';
import { apiKeyView, merchantView } from './present-merchant.js';

/** The operator's call: a merchant and its first test key, whose secret only this answer carries. */
export class CreateMerchantUseCase {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly clock: () => Date,
  ) {}

  async execute(request: CreateMerchantRequest): Promise<CreateMerchantResponse> {
    const now = this.clock();
    const at = now.toISOString();
    const merchantId = newId('mer', now);
    const body = encodeMessage(CreateMerchantRequestSchema, { ...request, correlationId: '', idempotencyKey: '' });
    return this.writer.write({
      merchantId,
      creating: true,
      now,
      correlationId: request.correlationId,
      idempotency: {
        key: request.idempotencyKey,
        operation: 'merchant.create',
        requestHash: requestHash(body),
        scope: OPERATOR_SCOPE,
        livemode: false,
      },
      run: async () => {
        const key = generateApiKey(false);
        const keyId = newId('key', now);
        const created = decide(
          { kind: 'create_merchant', merchantId, name: request.name, email: request.email, settings: defaultSettings(request.name.trim()), at },
          null,
        );
        const merchant = evolve(null, created[0]!, at);
        const keyEvents = decide(
          {
            kind: 'create_api_key',
            keyId,
            name: 'Default test key',
            livemode: false,
            keyHash: key.hash,
            keyPrefix: key.prefix,
            last4: key.last4,
            scopes: [...FULL_SCOPES],
            expiresAt: '',
            at,
          },
          merchant,
        );
        return {
          events: [...created, ...keyEvents],
          answer: (after) =>
            create(CreateMerchantResponseSchema, {
              merchant: merchantView(after),
              apiKey: apiKeyView(after.apiKeys.get(keyId)!),
              secret: key.secret,
            }),
        };
      },
      encode: (answer) => encodeMessage(CreateMerchantResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(CreateMerchantResponseSchema, json),
    });
  }
}
