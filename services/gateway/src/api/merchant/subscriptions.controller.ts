import { Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { CancelSubscriptionRequestSchema, CancelSubscriptionResponseSchema, RpcSubjects } from '@opencheckout/contracts';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { requestContextOf } from '../request-context.js';
import { rpcCall } from '../rpc-call.js';

/** Subscriptions are sessions issued period after period; the merchant can stop them. */
@Controller('api/v1/subscriptions')
@UseGuards(ApiKeyGuard)
export class SubscriptionsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScope('checkout_sessions', 'write')
  async cancel(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const reply = await rpcCall(
      this.app,
      RpcSubjects.session.cancelSubscription,
      CancelSubscriptionRequestSchema,
      { context: requestContextOf(request), subscriptionId: id },
      CancelSubscriptionResponseSchema,
    );
    return { id: reply.subscriptionId, object: 'subscription', status: 'canceled', lastSessionId: reply.sessionId, canceledAt: reply.canceledAt };
  }
}
