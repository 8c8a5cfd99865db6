import 'reflect-metadata';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger, PinoNestLogger } from '@opencheckout/logging';
import { startMicroservice } from '@opencheckout/nest-kit';
import { WatcherConfig } from './config/watcher.config.js';
import { PaymentWatcherApp } from './payment-watcher-app.js';
import { PaymentWatcherModule } from './payment-watcher.module.js';

async function main(): Promise<void> {
  const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig, watcher: WatcherConfig });
  const logger = createLogger({ name: 'payment-watcher', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const app = await PaymentWatcherApp.start({
    databaseUrl: config.db.DATABASE_URL,
    databasePoolSize: config.db.DATABASE_POOL_SIZE,
    natsUrl: config.nats.NATS_URL,
    streamName: config.nats.EVENTS_STREAM,
    subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
    watcher: config.watcher,
    logger,
  });
  await startMicroservice(PaymentWatcherModule.forApp(app), {
    name: 'payment-watcher',
    natsUrl: config.nats.NATS_URL,
    logger: new PinoNestLogger(logger),
  });
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config): stderr is the one place left.
  process.stderr.write(`payment-watcher failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
