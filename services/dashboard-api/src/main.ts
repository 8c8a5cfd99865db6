import 'reflect-metadata';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger, PinoNestLogger } from '@opencheckout/logging';
import { startMicroservice } from '@opencheckout/nest-kit';
import { DashboardConfig } from './config/dashboard.config.js';
import { DashboardApp } from './dashboard-app.js';
import { DashboardModule } from './dashboard.module.js';

async function main(): Promise<void> {
  const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig, dashboard: DashboardConfig });
  const logger = createLogger({ name: 'dashboard-api', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const app = await DashboardApp.start({
    databaseUrl: config.db.DATABASE_URL,
    databasePoolSize: config.db.DATABASE_POOL_SIZE,
    natsUrl: config.nats.NATS_URL,
    streamName: config.nats.EVENTS_STREAM,
    subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
    dashboard: config.dashboard,
    logger,
  });
  if (!config.dashboard.WEBHOOK_SIGNING_PUBLIC_KEY) {
    logger.warn('WEBHOOK_SIGNING_PUBLIC_KEY is not set: creating webhook endpoints will fail until it is');
  }
  await startMicroservice(DashboardModule.forApp(app), {
    name: 'dashboard-api',
    natsUrl: config.nats.NATS_URL,
    logger: new PinoNestLogger(logger),
  });
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config): stderr is the one place left.
  process.stderr.write(`dashboard-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
