import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  ExpireCheckoutSessionRequestSchema,
  GetCheckoutSessionRequestSchema,
  ListCheckoutSessionsRequestSchema,
  ListCheckoutSessionsResponseSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
  CreateCheckoutSessionRequestSchema,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { camelQuery, timeParam } from '../query.js';
import { pageOf } from '../page-query.js';
import { requestContextOf } from '../request-context.js';
import { CreateNativeSessionDto, ListNativeSessionsQuery } from './native-session.dto.js';
import { STATUS_BY_NAME, nativeCreateRequest, presentNativeSession } from './native-session.presenter.js';

/** The native Checkout Sessions API (seed 004). */
@Controller('api/v1/checkout_sessions')
@UseGuards(ApiKeyGuard)
export class NativeSessionsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post()
  @HttpCode(200)
  @RequireScope('checkout_sessions', 'write')
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(CreateNativeSessionDto, body ?? {});
    const rpcRequest = nativeCreateRequest(dto, requestContextOf(request));
    return presentNativeSession(await this.call(RpcSubjects.session.create, encodeMessage(CreateCheckoutSessionRequestSchema, rpcRequest)));
  }

  @Get()
  @RequireScope('checkout_sessions', 'read')
  async list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(ListNativeSessionsQuery, camelQuery(query));
    const rpcRequest = create(ListCheckoutSessionsRequestSchema, {
      context: requestContextOf(request),
      page: pageOf(q, 10),
      status: q.status ? [STATUS_BY_NAME[q.status]!] : [],
      created: { gte: timeParam(q.createdGte, 'created[gte]'), lte: timeParam(q.createdLte, 'created[lte]') },
      clientReferenceId: q.clientReferenceId ?? '',
    });
    const reply = await this.app.rpc.request<JsonValue>(
      RpcSubjects.session.list,
      encodeMessage(ListCheckoutSessionsRequestSchema, rpcRequest),
    );
    const page = decodeMessage(ListCheckoutSessionsResponseSchema, reply);
    const data = page.data.map(presentNativeSession);
    return { object: 'list', data, hasMore: page.hasMore, nextCursor: page.hasMore ? (data.at(-1)?.id ?? null) : null };
  }

  @Get(':id')
  @RequireScope('checkout_sessions', 'read')
  async retrieve(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const rpcRequest = create(GetCheckoutSessionRequestSchema, { context: requestContextOf(request), sessionId: id });
    return presentNativeSession(await this.call(RpcSubjects.session.get, encodeMessage(GetCheckoutSessionRequestSchema, rpcRequest)));
  }

  @Post(':id/expire')
  @HttpCode(200)
  @RequireScope('checkout_sessions', 'write')
  async expire(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const rpcRequest = create(ExpireCheckoutSessionRequestSchema, { context: requestContextOf(request), sessionId: id });
    return presentNativeSession(
      await this.call(RpcSubjects.session.expire, encodeMessage(ExpireCheckoutSessionRequestSchema, rpcRequest)),
    );
  }

  private async call(subject: string, payload: JsonValue) {
    return decodeMessage(CheckoutSessionViewSchema, await this.app.rpc.request<JsonValue>(subject, payload));
  }
}
