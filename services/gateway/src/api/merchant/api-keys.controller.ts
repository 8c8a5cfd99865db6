import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  ListApiKeysRequestSchema,
  ListApiKeysResponseSchema,
  RevokeApiKeyRequestSchema,
  RevokeApiKeyResponseSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import { ArrayMaxSize, IsArray, IsISO8601, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { requestContextOf } from '../request-context.js';
import { camelQuery } from '../query.js';
import { presentApiKey } from './api-key.presenter.js';

export const API_KEY_SCOPES = [
  'checkout_sessions:read',
  'checkout_sessions:write',
  'api_keys:read',
  'api_keys:write',
  'webhooks:read',
  'webhooks:write',
  'wallets:read',
  'wallets:write',
  'analytics:read',
  'events:read',
] as const;

export class CreateApiKeyDto {
  @IsString()
  @Length(1, 100)
  name!: string;

  /** Empty or absent: full access. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ListApiKeysQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  includeRevoked?: string;
}

const KEY_VISIBLE_TIMEOUT_MS = 5_000;

/**
 * A key creates keys of its own mode only: test keys make test keys, live keys
 * live keys; the full key appears in the create answer alone.
 */
@Controller('api/v1/api_keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post()
  @HttpCode(200)
  @RequireScope('api_keys', 'write')
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(CreateApiKeyDto, body ?? {});
    const context = requestContextOf(request);
    const rpcRequest = create(CreateApiKeyRequestSchema, {
      context,
      name: dto.name,
      livemode: context.livemode,
      scopes: dto.scopes ?? [],
      expiresAt: dto.expiresAt ?? '',
    });
    const reply = decodeMessage(
      CreateApiKeyResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.createApiKey, encodeMessage(CreateApiKeyRequestSchema, rpcRequest)),
    );
    if (reply.apiKey) await this.app.keys.waitForKey(reply.apiKey.keyId, KEY_VISIBLE_TIMEOUT_MS);
    return { ...presentApiKey(reply.apiKey!), secret: reply.secret };
  }

  @Get()
  @RequireScope('api_keys', 'read')
  async list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(ListApiKeysQuery, camelQuery(query), { forbidUnknown: false });
    const rpcRequest = create(ListApiKeysRequestSchema, {
      context: requestContextOf(request),
      page: { limit: 100 },
      includeRevoked: q.includeRevoked !== 'false',
    });
    const reply = decodeMessage(
      ListApiKeysResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.listApiKeys, encodeMessage(ListApiKeysRequestSchema, rpcRequest)),
    );
    return { object: 'list', data: reply.data.map(presentApiKey), hasMore: reply.hasMore };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireScope('api_keys', 'write')
  async revoke(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const rpcRequest = create(RevokeApiKeyRequestSchema, { context: requestContextOf(request), keyId: id });
    const reply = decodeMessage(
      RevokeApiKeyResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.revokeApiKey, encodeMessage(RevokeApiKeyRequestSchema, rpcRequest)),
    );
    // Answer only once this gateway refuses the key, so "revoked" means revoked here.
    await this.app.keys.waitForRevocation(id, KEY_VISIBLE_TIMEOUT_MS);
    return presentApiKey(reply.apiKey!);
  }
}
