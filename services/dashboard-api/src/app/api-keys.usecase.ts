import { create, type JsonValue } from '@bufbuild/protobuf';
import { generateApiKey } from '@opencheckout/api-keys';
import {
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  RevokeApiKeyResponseSchema,
  decodeMessage,
  encodeMessage,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  type ApiKeyUsed,
  type ListApiKeysRequest,
  type ListApiKeysResponse,
  type RevokeApiKeyRequest,
  type RevokeApiKeyResponse,
} from '@opencheckout/contracts';
import { NotFoundError, PermissionError, ValidationError } from '@opencheckout/errors';
import { assertScopesWithin, normalizeScopes, requireScope } from '../domain/api-key-scopes.js';
import { decide } from '../domain/merchant.decider.js';
import { newId } from './ids.js';
import type { MerchantRepository } from './merchant-repository.js';
import { requestHash, type MerchantWriter } from './merchant-writer.js';
import { paginate } from './paginate.js';
import { apiKeyView } from './present-merchant.js';
import type { ApiKeyUsageStore } from '../infra/api-key-usage-store.js';
import { callerOf } from './request-context.js';

/** API keys: created with the secret in the answer only, listed and revoked within the caller's mode. */
export class ApiKeysUseCase {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly merchants: MerchantRepository,
    private readonly clock: () => Date,
    private readonly usage: ApiKeyUsageStore,
  ) {}

  /** The gateway's notice that a key was used; a key of another merchant is ignored. */
  async recordUse(notice: ApiKeyUsed): Promise<void> {
    const usedAt = Date.parse(notice.usedAt);
    if (notice.merchantId === '' || notice.keyId === '' || Number.isNaN(usedAt)) return;
    await this.usage.record(notice.merchantId, notice.keyId, new Date(usedAt));
  }

  async create(request: CreateApiKeyRequest): Promise<CreateApiKeyResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'api_keys:write');
    // A key makes keys of its own mode; only an operator call (no key) may open live mode from test.
    const livemode = request.livemode || caller.livemode;
    if (livemode && !caller.livemode && caller.keyId !== '') {
      throw new PermissionError('A test-mode key cannot create live-mode keys.', { param: 'livemode', code: 'livemode_forbidden' });
    }
    const scopes = normalizeScopes(request.scopes);
    assertScopesWithin(scopes, caller.scopes);
    let expiresAt = '';
    if (request.expiresAt !== '') {
      const ms = Date.parse(request.expiresAt);
      if (Number.isNaN(ms)) throw new ValidationError('expires_at must be an RFC 3339 time.', { param: 'expires_at' });
      expiresAt = new Date(ms).toISOString();
    }
    const now = this.clock();
    const body = encodeMessage(CreateApiKeyRequestSchema, { ...request, context: undefined });
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      idempotency: {
        key: caller.idempotencyKey,
        operation: 'api_key.create',
        requestHash: requestHash(body),
        scope: caller.merchantId,
        livemode: caller.livemode,
      },
      run: async (state) => {
        const key = generateApiKey(livemode);
        const keyId = newId('key', now);
        const events = decide(
          {
            kind: 'create_api_key',
            keyId,
            name: request.name,
            livemode,
            keyHash: key.hash,
            keyPrefix: key.prefix,
            last4: key.last4,
            scopes,
            expiresAt,
            at: now.toISOString(),
          },
          state,
        );
        return {
          events,
          answer: (after) => create(CreateApiKeyResponseSchema, { apiKey: apiKeyView(after.apiKeys.get(keyId)!), secret: key.secret }),
        };
      },
      encode: (answer) => encodeMessage(CreateApiKeyResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(CreateApiKeyResponseSchema, json),
    });
  }

  /** Newest first, the caller's mode only; revoked keys only when asked for. */
  async list(request: ListApiKeysRequest): Promise<ListApiKeysResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'api_keys:read');
    const { state } = await this.merchants.load(caller.merchantId);
    if (state === null) throw new NotFoundError('merchant', caller.merchantId);
    const keys = [...state.apiKeys.values()]
      .filter((key) => key.livemode === caller.livemode && (request.includeRevoked || key.revokedAt === ''))
      .reverse();
    const page = paginate(keys, (key) => key.keyId, request.page, 'API key');
    const lastUsed = await this.usage.lastUsed(caller.merchantId, page.data.map((key) => key.keyId));
    return create(ListApiKeysResponseSchema, {
      data: page.data.map((key) => ({ ...apiKeyView(key), lastUsedAt: lastUsed.get(key.keyId) ?? '' })),
      hasMore: page.hasMore,
    });
  }

  async revoke(request: RevokeApiKeyRequest): Promise<RevokeApiKeyResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'api_keys:write');
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state) => ({
        events: decide({ kind: 'revoke_api_key', keyId: request.keyId, livemode: caller.livemode, at: now.toISOString() }, state),
        answer: (after) => create(RevokeApiKeyResponseSchema, { apiKey: apiKeyView(after.apiKeys.get(request.keyId)!) }),
      }),
      encode: (answer) => encodeMessage(RevokeApiKeyResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(RevokeApiKeyResponseSchema, json),
    });
  }
}
