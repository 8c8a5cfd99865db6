import 'reflect-metadata';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger } from '@opencheckout/logging';
import { runRebuildCommand } from '@opencheckout/messaging';
import { createServiceDataSource } from '@opencheckout/nest-kit';
import { DASHBOARD_SCHEMA, DashboardSchema1763900000000 } from './infra/migrations/1763900000000-dashboard-schema.js';
import { dashboardProjections } from './infra/projections/dashboard-projections.js';

/**
 * `node services/dashboard-api/dist/rebuild.js <transactions|events_log>`:
 * replays the events stream from the start into a shadow table and swaps it
 * in, while the service keeps serving the live one.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error(`usage: rebuild <${dashboardProjections.map((p) => p.name).join('|')}>`);
  const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig });
  const logger = createLogger({ name: 'dashboard-api-rebuild', level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
  const dataSource = createServiceDataSource({
    url: config.db.DATABASE_URL,
    schema: DASHBOARD_SCHEMA,
    applicationName: 'dashboard-api-rebuild',
    migrations: [DashboardSchema1763900000000],
  });
  await dataSource.initialize();
  const nats = await connect({ servers: config.nats.NATS_URL.split(',').map((url) => url.trim()), name: 'dashboard-api-rebuild' });
  try {
    const result = await runRebuildCommand({
      dataSource,
      js: jetstream(nats),
      jsm: await jetstreamManager(nats),
      projections: dashboardProjections,
      name,
      schema: DASHBOARD_SCHEMA,
      streamName: config.nats.EVENTS_STREAM,
      subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
      logger,
    });
    logger.info({ projection: name, events: result.events, position: result.position }, 'projection rebuilt');
  } finally {
    await nats.drain().catch(() => undefined);
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
