import { Body, Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  CreateMerchantRequestSchema,
  CreateMerchantResponseSchema,
  RequestContextSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import { IsBoolean } from 'class-validator';
import { rpcCall } from '../rpc-call.js';
import { validateDto } from '@opencheckout/nest-kit';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { AdminTokenGuard } from '../../auth/admin-token.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { presentApiKey } from '../merchant/api-key.presenter.js';
import { correlationIdOf } from '../request-context.js';

export class CreateMerchantDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export class CreateOperatorKeyDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  /** Live keys come from the operator: a test key can never mint one. */
  @IsBoolean()
  livemode!: boolean;
}

/** How long an answer that hands out a key waits for this gateway to know that key (read-your-writes). */
const KEY_VISIBLE_TIMEOUT_MS = 5_000;

/** The instance operator creates merchants; the answer carries the merchant's first test key. */
@Controller('api/admin/merchants')
@UseGuards(AdminTokenGuard)
export class AdminMerchantsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post()
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(CreateMerchantDto, body ?? {});
    const idempotencyKey = request.headers['idempotency-key'];
    const rpcRequest = create(CreateMerchantRequestSchema, {
      correlationId: correlationIdOf(request),
      name: dto.name,
      email: dto.email ?? '',
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : '',
    });
    const reply = await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.create, encodeMessage(CreateMerchantRequestSchema, rpcRequest));
    const created = decodeMessage(CreateMerchantResponseSchema, reply);
    if (created.apiKey) await this.app.keys.waitForKey(created.apiKey.keyId, KEY_VISIBLE_TIMEOUT_MS);
    return {
      merchant: {
        id: created.merchant?.merchantId,
        object: 'merchant',
        name: created.merchant?.name,
        email: created.merchant?.email || null,
        createdAt: created.merchant?.createdAt,
      },
      apiKey: created.apiKey ? { ...presentApiKey(created.apiKey), secret: created.secret } : null,
    };
  }

  /** The operator issues a merchant's keys of either mode (the way a merchant gets its first live key). */
  @Post(':id/api_keys')
  @HttpCode(200)
  async createKey(@Req() request: AuthenticatedRequest, @Param('id') merchantId: string, @Body() body: unknown) {
    const dto = validateDto(CreateOperatorKeyDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.createApiKey,
      CreateApiKeyRequestSchema,
      {
        context: create(RequestContextSchema, {
          merchantId,
          livemode: dto.livemode,
          correlationId: correlationIdOf(request),
        }),
        name: dto.name,
        livemode: dto.livemode,
      },
      CreateApiKeyResponseSchema,
    );
    if (reply.apiKey) await this.app.keys.waitForKey(reply.apiKey.keyId, KEY_VISIBLE_TIMEOUT_MS);
    return { ...presentApiKey(reply.apiKey!), secret: reply.secret };
  }
}
