import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { SessionHandlers } from './api/session.handlers.js';
import { SESSION_APP, type SessionApp } from './session-app.js';

@Module({})
export class SessionModule implements OnApplicationShutdown {
  constructor(@Inject(SESSION_APP) private readonly app: SessionApp) {}

  static forApp(app: SessionApp): DynamicModule {
    return { module: SessionModule, controllers: [SessionHandlers], providers: [{ provide: SESSION_APP, useValue: app }] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }
}
