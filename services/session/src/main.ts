import 'reflect-metadata';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger, PinoNestLogger } from '@opencheckout/logging';
import { startMicroservice } from '@opencheckout/nest-kit';
import { SessionConfig } from './config/session.config.js';
import { SessionApp } from './session-app.js';
import { SessionModule } from './session.module.js';

async function main(): Promise<void> {
  const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig, session: SessionConfig });
  const logger = createLogger({ name: 'session', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const app = await SessionApp.start({
    databaseUrl: config.db.DATABASE_URL,
    databasePoolSize: config.db.DATABASE_POOL_SIZE,
    natsUrl: config.nats.NATS_URL,
    streamName: config.nats.EVENTS_STREAM,
    subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
    session: config.session,
    logger,
  });
  await startMicroservice(SessionModule.forApp(app), {
    name: 'session',
    natsUrl: config.nats.NATS_URL,
    logger: new PinoNestLogger(logger),
  });
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config): stderr is the one place left.
  process.stderr.write(`session failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
