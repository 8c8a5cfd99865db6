import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  CheckoutSessionViewSchema,
  CreateCheckoutSessionRequestSchema,
  ExpireCheckoutSessionRequestSchema,
  GetCheckoutSessionRequestSchema,
  ListCheckoutSessionsRequestSchema,
  ListCheckoutSessionsResponseSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { requestContextOf } from '../request-context.js';
import { CreateStripeSessionDto, StripeListQuery } from './stripe-session.dto.js';
import {
  STRIPE_STATUS_FILTER,
  presentStripeLineItems,
  presentStripeSession,
  stripeCreateRequest,
} from './stripe-session.presenter.js';

/**
 * Stripe-compatible Checkout Sessions (seed 001): the official Stripe SDK,
 * pointed at this host, works unchanged. Served at /v1/checkout/sessions and
 * /api/checkout/sessions.
 */
@Controller(['v1/checkout/sessions', 'api/checkout/sessions'])
@UseGuards(ApiKeyGuard)
export class StripeSessionsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post()
  @HttpCode(200)
  @RequireScope('checkout_sessions', 'write')
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(CreateStripeSessionDto, body ?? {});
    const rpcRequest = stripeCreateRequest(dto, requestContextOf(request), new Date());
    return presentStripeSession(
      await this.call(RpcSubjects.session.create, encodeMessage(CreateCheckoutSessionRequestSchema, rpcRequest)),
    );
  }

  @Get()
  @RequireScope('checkout_sessions', 'read')
  async list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(StripeListQuery, query ?? {});
    const rpcRequest = create(ListCheckoutSessionsRequestSchema, {
      context: requestContextOf(request),
      page: { limit: q.limit ?? 10, startingAfter: q.starting_after ?? '', endingBefore: q.ending_before ?? '' },
      status: q.status ? STRIPE_STATUS_FILTER[q.status] : [],
      clientReferenceId: q.client_reference_id ?? '',
    });
    const page = decodeMessage(
      ListCheckoutSessionsResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.session.list, encodeMessage(ListCheckoutSessionsRequestSchema, rpcRequest)),
    );
    const now = Date.now();
    return {
      object: 'list',
      data: page.data.map((view) => presentStripeSession(view, now)),
      has_more: page.hasMore,
      url: '/v1/checkout/sessions',
    };
  }

  @Get(':id')
  @RequireScope('checkout_sessions', 'read')
  async retrieve(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    return presentStripeSession(await this.get(request, id));
  }

  @Get(':id/line_items')
  @RequireScope('checkout_sessions', 'read')
  async lineItems(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const view = await this.get(request, id);
    return { object: 'list', data: presentStripeLineItems(view), has_more: false, url: `/v1/checkout/sessions/${id}/line_items` };
  }

  @Post(':id/expire')
  @HttpCode(200)
  @RequireScope('checkout_sessions', 'write')
  async expire(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const rpcRequest = create(ExpireCheckoutSessionRequestSchema, { context: requestContextOf(request), sessionId: id });
    return presentStripeSession(
      await this.call(RpcSubjects.session.expire, encodeMessage(ExpireCheckoutSessionRequestSchema, rpcRequest)),
    );
  }

  private get(request: AuthenticatedRequest, id: string) {
    const rpcRequest = create(GetCheckoutSessionRequestSchema, { context: requestContextOf(request), sessionId: id });
    return this.call(RpcSubjects.session.get, encodeMessage(GetCheckoutSessionRequestSchema, rpcRequest));
  }

  private async call(subject: string, payload: JsonValue) {
    return decodeMessage(CheckoutSessionViewSchema, await this.app.rpc.request<JsonValue>(subject, payload));
  }
}
