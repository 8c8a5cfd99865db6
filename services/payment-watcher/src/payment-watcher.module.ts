import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PaymentWatcherHandlers } from './api/payment-watcher.handlers.js';
import { PAYMENT_WATCHER_APP, type PaymentWatcherApp } from './payment-watcher-app.js';

@Module({})
export class PaymentWatcherModule implements OnApplicationShutdown {
  constructor(@Inject(PAYMENT_WATCHER_APP) private readonly app: PaymentWatcherApp) {}

  static forApp(app: PaymentWatcherApp): DynamicModule {
    return {
      module: PaymentWatcherModule,
      controllers: [PaymentWatcherHandlers],
      providers: [{ provide: PAYMENT_WATCHER_APP, useValue: app }],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }
}
