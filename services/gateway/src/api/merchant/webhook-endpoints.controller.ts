import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  CreateWebhookEndpointRequestSchema,
  CreateWebhookEndpointResponseSchema,
  DeleteWebhookEndpointRequestSchema,
  DeleteWebhookEndpointResponseSchema,
  GetWebhookEndpointRequestSchema,
  GetWebhookEndpointResponseSchema,
  ListWebhookDeliveriesRequestSchema,
  ListWebhookDeliveriesResponseSchema,
  ListWebhookEndpointsRequestSchema,
  ListWebhookEndpointsResponseSchema,
  ReplayWebhookEventsRequestSchema,
  ReplayWebhookEventsResponseSchema,
  RetryWebhookDeliveryRequestSchema,
  RetryWebhookDeliveryResponseSchema,
  RotateWebhookEndpointSecretRequestSchema,
  RotateWebhookEndpointSecretResponseSchema,
  RpcSubjects,
  TestWebhookEndpointRequestSchema,
  TestWebhookEndpointResponseSchema,
  UpdateWebhookEndpointRequestSchema,
  UpdateWebhookEndpointResponseSchema,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { camelQuery, timeParam } from '../query.js';
import { requestContextOf } from '../request-context.js';
import { rpcCall } from '../rpc-call.js';
import { HTTP_URL, LIMITS } from '../validators.js';
import { PageQuery, pageOf } from '../page-query.js';
import { DELIVERY_STATUS_BY_NAME, presentDelivery, presentEndpoint } from './webhook.presenter.js';

const EVENT_TYPE = /^[a-z_]+\.[a-z_]+$/;

export class CreateEndpointDto {
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  url!: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.descriptionLength)
  description?: string;

  @IsArray()
  @ArrayMaxSize(32)
  @Matches(EVENT_TYPE, { each: true, message: 'each must be an event type such as "session.paid"' })
  enabledEvents!: string[];
}

export class UpdateEndpointDto {
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(LIMITS.urlLength)
  url?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.descriptionLength)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(EVENT_TYPE, { each: true })
  enabledEvents?: string[];

  @IsOptional()
  @IsIn(['enabled', 'disabled'])
  status?: 'enabled' | 'disabled';
}

export class RotateSecretDto {
  /** How long the previous secret keeps signing (0: stop now). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  expiresInSeconds?: number;
}

export class TestEventDto {
  @IsOptional()
  @Matches(EVENT_TYPE)
  type?: string;
}

export class ReplayDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(EVENT_TYPE, { each: true })
  eventTypes?: string[];

  @IsISO8601({ strict: true })
  since!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

export class ListDeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  endpointId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  eventId?: string;

  @IsOptional()
  @Matches(EVENT_TYPE)
  eventType?: string;

  @IsOptional()
  @IsIn(['pending', 'succeeded', 'retrying', 'failed'])
  status?: string;

  @IsOptional()
  @IsString()
  createdGte?: string;

  @IsOptional()
  @IsString()
  createdLte?: string;
}

/** Webhook endpoints (dashboard-api owns them) and their deliveries (the dispatcher owns those). */
@Controller('api/v1')
@UseGuards(ApiKeyGuard)
export class WebhookEndpointsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post('webhook_endpoints')
  @HttpCode(200)
  @RequireScope('webhooks', 'write')
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(CreateEndpointDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.createWebhookEndpoint,
      CreateWebhookEndpointRequestSchema,
      { context: requestContextOf(request), url: dto.url, description: dto.description ?? '', enabledEvents: dto.enabledEvents },
      CreateWebhookEndpointResponseSchema,
    );
    return { ...presentEndpoint(reply.endpoint!), secret: reply.secret };
  }

  @Get('webhook_endpoints')
  @RequireScope('webhooks', 'read')
  async list(@Req() request: AuthenticatedRequest) {
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.listWebhookEndpoints,
      ListWebhookEndpointsRequestSchema,
      { context: requestContextOf(request), page: { limit: 100 } },
      ListWebhookEndpointsResponseSchema,
    );
    return { object: 'list', data: reply.data.map(presentEndpoint), hasMore: reply.hasMore };
  }

  @Get('webhook_endpoints/:id')
  @RequireScope('webhooks', 'read')
  async retrieve(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.getWebhookEndpoint,
      GetWebhookEndpointRequestSchema,
      { context: requestContextOf(request), endpointId: id },
      GetWebhookEndpointResponseSchema,
    );
    return presentEndpoint(reply.endpoint!);
  }

  @Patch('webhook_endpoints/:id')
  @RequireScope('webhooks', 'write')
  async update(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const dto = validateDto(UpdateEndpointDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.updateWebhookEndpoint,
      UpdateWebhookEndpointRequestSchema,
      {
        context: requestContextOf(request),
        endpointId: id,
        url: dto.url,
        description: dto.description,
        enabledEvents: dto.enabledEvents ? { types: dto.enabledEvents } : undefined,
        disabled: dto.status === undefined ? undefined : dto.status === 'disabled',
      },
      UpdateWebhookEndpointResponseSchema,
    );
    return presentEndpoint(reply.endpoint!);
  }

  @Delete('webhook_endpoints/:id')
  @RequireScope('webhooks', 'write')
  async remove(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.deleteWebhookEndpoint,
      DeleteWebhookEndpointRequestSchema,
      { context: requestContextOf(request), endpointId: id },
      DeleteWebhookEndpointResponseSchema,
    );
    return { id: reply.endpointId, object: 'webhook_endpoint', deleted: reply.deleted };
  }

  @Post('webhook_endpoints/:id/rotate_secret')
  @HttpCode(200)
  @RequireScope('webhooks', 'write')
  async rotate(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const dto = validateDto(RotateSecretDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.rotateWebhookEndpointSecret,
      RotateWebhookEndpointSecretRequestSchema,
      { context: requestContextOf(request), endpointId: id, overlapSeconds: dto.expiresInSeconds },
      RotateWebhookEndpointSecretResponseSchema,
    );
    return {
      ...presentEndpoint(reply.endpoint!),
      secret: reply.secret,
      previousSecretExpiresAt: reply.previousSecretExpiresAt || null,
    };
  }

  @Post('webhook_endpoints/:id/test')
  @HttpCode(200)
  @RequireScope('webhooks', 'write')
  async test(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const dto = validateDto(TestEventDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.webhooks.sendTest,
      TestWebhookEndpointRequestSchema,
      { context: requestContextOf(request), endpointId: id, eventType: dto.type ?? '' },
      TestWebhookEndpointResponseSchema,
    );
    return presentDelivery(reply.delivery!);
  }

  @Post('webhook_endpoints/:id/replay')
  @HttpCode(200)
  @RequireScope('webhooks', 'write')
  async replay(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    const dto = validateDto(ReplayDto, body ?? {});
    const reply = await rpcCall(
      this.app,
      RpcSubjects.webhooks.replay,
      ReplayWebhookEventsRequestSchema,
      { context: requestContextOf(request), endpointId: id, eventTypes: dto.eventTypes ?? [], since: dto.since, until: dto.until ?? '' },
      ReplayWebhookEventsResponseSchema,
    );
    return { object: 'webhook_replay', scheduled: reply.scheduled, deliveryIds: reply.deliveryIds };
  }

  @Get('webhook_deliveries')
  @RequireScope('webhooks', 'read')
  async deliveries(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(ListDeliveriesQuery, camelQuery(query));
    const reply = await rpcCall(
      this.app,
      RpcSubjects.webhooks.listDeliveries,
      ListWebhookDeliveriesRequestSchema,
      {
        context: requestContextOf(request),
        page: pageOf(q, 20),
        endpointId: q.endpointId ?? '',
        eventId: q.eventId ?? '',
        eventType: q.eventType ?? '',
        status: q.status ? [DELIVERY_STATUS_BY_NAME[q.status]!] : [],
        created: { gte: timeParam(q.createdGte, 'created[gte]'), lte: timeParam(q.createdLte, 'created[lte]') },
      },
      ListWebhookDeliveriesResponseSchema,
    );
    const data = reply.data.map(presentDelivery);
    return { object: 'list', data, hasMore: reply.hasMore, nextCursor: reply.hasMore ? (data.at(-1)?.id ?? null) : null };
  }

  @Post('webhook_deliveries/:id/retry')
  @HttpCode(200)
  @RequireScope('webhooks', 'write')
  async retry(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const reply = await rpcCall(
      this.app,
      RpcSubjects.webhooks.retryDelivery,
      RetryWebhookDeliveryRequestSchema,
      { context: requestContextOf(request), deliveryId: id },
      RetryWebhookDeliveryResponseSchema,
    );
    return presentDelivery(reply.delivery!);
  }
}
