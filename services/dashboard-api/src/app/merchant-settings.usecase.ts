import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  GetMerchantSettingsResponseSchema,
  MerchantSettingsSchema,
  UpdateMerchantSettingsResponseSchema,
  decodeMessage,
  encodeMessage,
  type GetMerchantSettingsRequest,
  type GetMerchantSettingsResponse,
  type UpdateMerchantSettingsRequest,
  type UpdateMerchantSettingsResponse,
} from '@opencheckout/contracts';
import { NotFoundError } from '@opencheckout/errors';
import { FULL_SCOPES, requireScope } from '../domain/api-key-scopes.js';
import { decide } from '../domain/merchant.decider.js';
import type { MerchantRepository } from './merchant-repository.js';
import type { MerchantWriter } from './merchant-writer.js';
import { merchantView } from './present-merchant.js';
import { callerOf } from './request-context.js';

/** Merchant-wide settings: expiry, confirmations, grace, defaults, endpoint limit. */
export class MerchantSettingsUseCase {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly merchants: MerchantRepository,
    private readonly clock: () => Date,
  ) {}

  async get(request: GetMerchantSettingsRequest): Promise<GetMerchantSettingsResponse> {
    const caller = callerOf(request.context);
    const { state } = await this.merchants.load(caller.merchantId);
    if (state === null) throw new NotFoundError('merchant', caller.merchantId);
    return create(GetMerchantSettingsResponseSchema, { merchant: merchantView(state) });
  }

  /** Settings govern both modes and every resource: only a key holding every write scope (or an operator) changes them. */
  async update(request: UpdateMerchantSettingsRequest): Promise<UpdateMerchantSettingsResponse> {
    const caller = callerOf(request.context);
    for (const scope of FULL_SCOPES) if (scope.endsWith(':write')) requireScope(caller.scopes, scope);
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state) => ({
        events: decide({ kind: 'update_settings', settings: request.settings ?? create(MerchantSettingsSchema), at: now.toISOString() }, state),
        answer: (after) => create(UpdateMerchantSettingsResponseSchema, { merchant: merchantView(after) }),
      }),
      encode: (answer) => encodeMessage(UpdateMerchantSettingsResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(UpdateMerchantSettingsResponseSchema, json),
    });
  }
}
