import { Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  AnalyticsOverviewRequestSchema,
  AnalyticsOverviewResponseSchema,
  ExportFormat,
  ExportSessionsRequestSchema,
  ExportSessionsResponseSchema,
  ListEventsRequestSchema,
  ListEventsResponseSchema,
  RpcSubjects,
} from '@opencheckout/contracts';
import { validateDto } from '@opencheckout/nest-kit';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { minorToFiat } from '../money.js';
import { STATUS_BY_NAME } from '../native/native-session.presenter.js';
import { camelQuery, timeParam } from '../query.js';
import { requestContextOf } from '../request-context.js';
import { rpcCall } from '../rpc-call.js';
import { PageQuery, pageOf } from '../page-query.js';

export class ListEventsQuery extends PageQuery {
  /** An exact type or a prefix with ".*" ("session.*"). */
  @IsOptional()
  @Matches(/^[a-z_]+\.([a-z_]+|\*)$/)
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  sessionId?: string;

  @IsOptional()
  @IsString()
  createdGte?: string;

  @IsOptional()
  @IsString()
  createdLte?: string;
}

export class AnalyticsQuery {
  @IsOptional()
  @IsString()
  from?: string;

  @IsOptional()
  @IsString()
  to?: string;
}

export class ExportQuery {
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @IsOptional()
  @IsIn(['pending', 'detected', 'paid', 'underpaid', 'overpaid', 'expired', 'paid_late', 'canceled'])
  status?: string;

  @IsOptional()
  @IsString()
  createdGte?: string;

  @IsOptional()
  @IsString()
  createdLte?: string;
}

interface ReplyLike {
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const DAY_MS = 24 * 3600 * 1000;

/** The merchant's event log, analytics and exports: dashboard-api's read models. */
@Controller('api/v1')
@UseGuards(ApiKeyGuard)
export class InsightsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Get('events')
  @RequireScope('analytics', 'read')
  async events(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(ListEventsQuery, camelQuery(query));
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.listEvents,
      ListEventsRequestSchema,
      {
        context: requestContextOf(request),
        page: pageOf(q, 20),
        types: q.type ? [q.type] : [],
        streamId: q.sessionId ?? '',
        created: { gte: timeParam(q.createdGte, 'created[gte]'), lte: timeParam(q.createdLte, 'created[lte]') },
      },
      ListEventsResponseSchema,
    );
    const data = reply.data.map((event) => ({
      id: `evt_${event.eventId.replace(/-/g, '')}`,
      object: 'event',
      type: event.type,
      created: Math.floor(Date.parse(event.occurredAt) / 1000),
      livemode: event.livemode,
      sequence: event.version,
      streamId: event.streamId,
      data: event.data ?? {},
    }));
    return { object: 'list', data, hasMore: reply.hasMore, nextCursor: reply.hasMore ? (data.at(-1)?.id ?? null) : null };
  }

  @Get('analytics/overview')
  @RequireScope('analytics', 'read')
  async overview(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const q = validateDto(AnalyticsQuery, camelQuery(query));
    const now = Date.now();
    const to = timeParam(q.to, 'to') || new Date(now).toISOString();
    const from = timeParam(q.from, 'from') || new Date(Date.parse(to) - 30 * DAY_MS).toISOString();
    const reply = await rpcCall(
      this.app,
      RpcSubjects.merchant.analyticsOverview,
      AnalyticsOverviewRequestSchema,
      { context: requestContextOf(request), from, to },
      AnalyticsOverviewResponseSchema,
    );
    const money = (amounts: { amountMinor: string; currency: string }[]) =>
      amounts.map((amount) => ({
        currency: amount.currency.toUpperCase(),
        amountMinor: amount.amountMinor,
        amount: minorToFiat(amount.amountMinor, amount.currency),
      }));
    return {
      object: 'analytics_overview',
      from: reply.from,
      to: reply.to,
      sessionsCount: reply.sessionsCreated,
      paymentsCount: reply.paymentsCount,
      sessionsPaid: reply.sessionsPaid,
      sessionsExpired: reply.sessionsExpired,
      sessionsUnderpaid: reply.sessionsUnderpaid,
      conversionRate: reply.conversionRate,
      revenue: money(reply.volume),
      averagePayment: money(reply.averagePayment),
      volumeByAsset: reply.volumeByAsset.map((v) => ({ chainId: v.chainId, asset: v.assetCode, amountAtomic: v.amountAtomic })),
      daily: reply.daily.map((day) => ({
        date: day.date,
        sessionsCreated: day.sessionsCreated,
        count: day.sessionsPaid,
        revenue: money(day.volume),
      })),
    };
  }

  @Get('checkout_sessions/export')
  @RequireScope('checkout_sessions', 'read')
  async export(@Req() request: AuthenticatedRequest, @Query() query: unknown, @Res() reply: ReplyLike) {
    const q = validateDto(ExportQuery, camelQuery(query));
    const exported = await rpcCall(
      this.app,
      RpcSubjects.merchant.exportSessions,
      ExportSessionsRequestSchema,
      {
        context: requestContextOf(request),
        format: q.format === 'json' ? ExportFormat.JSON : ExportFormat.CSV,
        status: q.status ? [STATUS_BY_NAME[q.status]!] : [],
        created: { gte: timeParam(q.createdGte, 'created[gte]'), lte: timeParam(q.createdLte, 'created[lte]') },
      },
      ExportSessionsResponseSchema,
    );
    reply
      .header('Content-Type', `${exported.contentType}; charset=utf-8`)
      .header('Content-Disposition', `attachment; filename="${exported.filename.replace(/[^\w.-]/g, '_')}"`)
      .send(exported.body);
  }
}
