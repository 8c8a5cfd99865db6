import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { AdminMerchantsController } from './api/admin/admin-merchants.controller.js';
import { HealthController } from './api/health.controller.js';
import { ApiKeysController } from './api/merchant/api-keys.controller.js';
import { WalletsController } from './api/merchant/wallets.controller.js';
import { SubscriptionsController } from './api/merchant/subscriptions.controller.js';
import { WebhookEndpointsController } from './api/merchant/webhook-endpoints.controller.js';
import { InsightsController } from './api/merchant/insights.controller.js';
import { NativeSessionsController } from './api/native/native-sessions.controller.js';
import { StripeSessionsController } from './api/stripe/stripe-sessions.controller.js';
import { PublicCheckoutController } from './api/public/public-checkout.controller.js';
import { WebController } from './api/web.controller.js';
import { OpenApiController } from './api/openapi/openapi.controller.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { AdminTokenGuard } from './auth/admin-token.guard.js';
import { GATEWAY_CONFIG } from './config/gateway.config.js';
import { GATEWAY_APP, type GatewayApp } from './gateway-app.js';

@Module({})
export class GatewayModule implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  static forApp(app: GatewayApp): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        AdminMerchantsController,
        ApiKeysController,
        WalletsController,
        SubscriptionsController,
        WebhookEndpointsController,
        InsightsController,
        NativeSessionsController,
        StripeSessionsController,
        PublicCheckoutController,
        OpenApiController,
        WebController,
      ],
      providers: [
        { provide: GATEWAY_APP, useValue: app },
        { provide: GATEWAY_CONFIG, useValue: app.config },
        ApiKeyGuard,
        AdminTokenGuard,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }
}
