import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DashboardHandlers } from './api/dashboard.handlers.js';
import { DASHBOARD_APP, type DashboardApp } from './dashboard-app.js';

@Module({})
export class DashboardModule implements OnApplicationShutdown {
  constructor(@Inject(DASHBOARD_APP) private readonly app: DashboardApp) {}

  static forApp(app: DashboardApp): DynamicModule {
    return { module: DashboardModule, controllers: [DashboardHandlers], providers: [{ provide: DASHBOARD_APP, useValue: app }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }
}
