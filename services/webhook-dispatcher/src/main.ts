import 'reflect-metadata';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger, PinoNestLogger } from '@opencheckout/logging';
import { startMicroservice } from '@opencheckout/nest-kit';
import { WebhookDispatcherConfig } from './config/webhook-dispatcher.config.js';
import { WebhookDispatcherApp } from './webhook-dispatcher-app.js';
import { WebhookDispatcherModule } from './webhook-dispatcher.module.js';

async function main(): Promise<void> {
  const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig, dispatcher: WebhookDispatcherConfig });
  const logger = createLogger({ name: 'webhook-dispatcher', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const app = await WebhookDispatcherApp.start({
    databaseUrl: config.db.DATABASE_URL,
    databasePoolSize: config.db.DATABASE_POOL_SIZE,
    natsUrl: config.nats.NATS_URL,
    streamName: config.nats.EVENTS_STREAM,
    subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
    dispatcher: config.dispatcher,
    logger,
  });
  await startMicroservice(WebhookDispatcherModule.forApp(app), {
    name: 'webhook-dispatcher',
    natsUrl: config.nats.NATS_URL,
    logger: new PinoNestLogger(logger),
  });
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config): stderr is the one place left.
  process.stderr.write(`webhook-dispatcher failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
