import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { WebhookDispatcherHandlers } from './api/webhook-dispatcher.handlers.js';
import { WEBHOOK_DISPATCHER_APP, type WebhookDispatcherApp } from './webhook-dispatcher-app.js';

@Module({})
export class WebhookDispatcherModule implements OnApplicationShutdown {
  constructor(@Inject(WEBHOOK_DISPATCHER_APP) private readonly app: WebhookDispatcherApp) {}

  static forApp(app: WebhookDispatcherApp): DynamicModule {
    return {
      module: WebhookDispatcherModule,
      controllers: [WebhookDispatcherHandlers],
      providers: [{ provide: WEBHOOK_DISPATCHER_APP, useValue: app }],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }
}
