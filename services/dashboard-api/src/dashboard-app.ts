import { parseSecretKey } from '@opencheckout/chain';
import { ApiKeyUsageStore } from './infra/api-key-usage-store.js';
import { ApiKeyUsage1764000000000 } from './infra/migrations/1764000000000-api-key-usage.js';
import { EventReactor, EventSourcedRuntime } from '@opencheckout/nest-kit';
import type { Logger } from 'pino';
import { AnalyticsOverviewUseCase } from './app/analytics-overview.usecase.js';
import { ApiKeysUseCase } from './app/api-keys.usecase.js';
import { CreateMerchantUseCase } from './app/create-merchant.usecase.js';
import { EndpointDisabledReactor } from './app/endpoint-disabled-reactor.js';
import { ExportSessionsUseCase } from './app/export-sessions.usecase.js';
import { ListEventsUseCase } from './app/list-events.usecase.js';
import { MerchantRepository } from './app/merchant-repository.js';
import { MerchantSettingsUseCase } from './app/merchant-settings.usecase.js';
import { MerchantWriter } from './app/merchant-writer.js';
import { WalletsUseCase } from './app/wallets.usecase.js';
import { WebhookEndpointsUseCase } from './app/webhook-endpoints.usecase.js';
import { publicKeyPem, type DashboardConfig } from './config/dashboard.config.js';
import { IdempotencyStore } from './infra/idempotency-store.js';
import { DASHBOARD_SCHEMA, DashboardSchema1763900000000 } from './infra/migrations/1763900000000-dashboard-schema.js';
import { dashboardProjections } from './infra/projections/dashboard-projections.js';
import { WalletSecretStore } from './infra/wallet-secret-store.js';

export const DASHBOARD_APP = Symbol('DASHBOARD_APP');
const IDEMPOTENCY_PURGE_MS = 3600 * 1000;

export interface DashboardAppOptions {
  databaseUrl: string;
  databasePoolSize: number;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  dashboard: DashboardConfig;
  logger: Logger;
  clock?: () => Date;
  /** DNS for the SSRF guard (tests pin it). */
  resolve?: (hostname: string) => Promise<readonly string[]>;
}

/** dashboard-api wired: the Merchant aggregate's use cases and the merchant read models. */
export class DashboardApp {
  private constructor(
    readonly runtime: EventSourcedRuntime,
    readonly merchants: CreateMerchantUseCase,
    readonly settings: MerchantSettingsUseCase,
    readonly apiKeys: ApiKeysUseCase,
    readonly webhookEndpoints: WebhookEndpointsUseCase,
    readonly wallets: WalletsUseCase,
    readonly events: ListEventsUseCase,
    readonly analytics: AnalyticsOverviewUseCase,
    readonly exports: ExportSessionsUseCase,
    private readonly reactor: EventReactor,
    private readonly purgeTimer: NodeJS.Timeout,
  ) {}

  static async start(options: DashboardAppOptions): Promise<DashboardApp> {
    const clock = options.clock ?? (() => new Date());
    const config = options.dashboard;
    // Parsed before anything starts: a bad key fails the boot, not the first request.
    const key = parseSecretKey(config.OPENCHECKOUT_ENCRYPTION_KEY_ID, config.OPENCHECKOUT_ENCRYPTION_KEY);
    const runtime = await EventSourcedRuntime.start({
      service: 'dashboard-api',
      schema: DASHBOARD_SCHEMA,
      databaseUrl: options.databaseUrl,
      databasePoolSize: options.databasePoolSize,
      natsUrl: options.natsUrl,
      streamName: options.streamName,
      subjectPrefix: options.subjectPrefix,
      migrations: [DashboardSchema1763900000000, ApiKeyUsage1764000000000],
      projections: dashboardProjections,
      logger: options.logger,
    });
    const repository = new MerchantRepository(runtime.store);
    const idempotency = new IdempotencyStore(DASHBOARD_SCHEMA, key);
    const writer = new MerchantWriter(runtime.dataSource, repository, idempotency);
    // Expired keys are taken over on reuse anyway; purging keeps the table small.
    const purgeTimer = setInterval(() => {
      idempotency
        .purgeExpired(runtime.dataSource.manager, clock())
        .catch((error: unknown) => options.logger.warn({ err: error }, 'idempotency purge failed; next round retries'));
    }, IDEMPOTENCY_PURGE_MS);
    purgeTimer.unref();
    const disabled = new EndpointDisabledReactor(writer, options.logger);
    const reactor = new EventReactor({
      js: runtime.js,
      jsm: runtime.jsm,
      streamName: options.streamName,
      durable: 'dashboard_endpoint_disabled',
      filterSubject: `${options.subjectPrefix}.webhook.endpoint_disabled`,
      handle: (event) => disabled.handle(event),
      logger: options.logger,
    });
    await reactor.start();
    return new DashboardApp(
      runtime,
      new CreateMerchantUseCase(writer, clock),
      new MerchantSettingsUseCase(writer, repository, clock),
      new ApiKeysUseCase(writer, repository, clock, new ApiKeyUsageStore(runtime.dataSource)),
      new WebhookEndpointsUseCase(
        writer,
        repository,
        {
          dispatcherPublicKeyPem: publicKeyPem(config.WEBHOOK_SIGNING_PUBLIC_KEY),
          urlAllowlist: config.WEBHOOK_URL_ALLOWLIST,
          defaultOverlapSeconds: config.WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS,
          resolve: options.resolve,
        },
        clock,
      ),
      new WalletsUseCase(writer, repository, new WalletSecretStore(DASHBOARD_SCHEMA, key), clock),
      new ListEventsUseCase(runtime.dataSource, DASHBOARD_SCHEMA),
      new AnalyticsOverviewUseCase(runtime.dataSource, DASHBOARD_SCHEMA, clock),
      new ExportSessionsUseCase(runtime.dataSource, DASHBOARD_SCHEMA, clock),
      reactor,
      purgeTimer,
    );
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.reactor.stop();
    await this.runtime.close();
  }
}
