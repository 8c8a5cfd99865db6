import 'reflect-metadata';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DatabaseConfig, LogConfig, NatsConfig, loadConfig } from '@opencheckout/config';
import { createLogger } from '@opencheckout/logging';
import { runRebuildCommand, type RowProjection } from '@opencheckout/messaging';
import type { MigrationInterface, MixedList } from 'typeorm';
import { createServiceDataSource } from './data-source.js';

export interface RebuildCliOptions {
  service: string;
  schema: string;
  migrations: MixedList<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: RowProjection<any>[];
  argv?: string[];
}

/**
 * `node services/<service>/dist/rebuild.js <projection>`: replays the events
 * stream from the start into a shadow table and swaps it in, while the service
 * keeps serving the live one. Exits non-zero with the reason on failure.
 */
export async function runRebuildCli(options: RebuildCliOptions): Promise<void> {
  const name = (options.argv ?? process.argv)[2];
  const names = options.projections.map((projection) => projection.name).join('|');
  try {
    if (!name) throw new Error(`usage: rebuild <${names}>`);
    const config = loadConfig({ db: DatabaseConfig, nats: NatsConfig, log: LogConfig });
    const logger = createLogger({ name: `${options.service}-rebuild`, level: config.log.LOG_LEVEL, pretty: config.log.LOG_PRETTY });
    const dataSource = createServiceDataSource({
      url: config.db.DATABASE_URL,
      schema: options.schema,
      applicationName: `${options.service}-rebuild`,
      migrations: options.migrations,
    });
    await dataSource.initialize();
    const nats = await connect({ servers: config.nats.NATS_URL.split(',').map((url) => url.trim()), name: `${options.service}-rebuild` });
    try {
      const result = await runRebuildCommand({
        dataSource,
        js: jetstream(nats),
        jsm: await jetstreamManager(nats),
        projections: options.projections,
        name,
        schema: options.schema,
        streamName: config.nats.EVENTS_STREAM,
        subjectPrefix: config.nats.EVENTS_SUBJECT_PREFIX,
        logger,
      });
      logger.info({ projection: name, events: result.events, position: result.position }, 'projection rebuilt');
    } finally {
      await nats.drain().catch(() => undefined);
      await dataSource.destroy();
    }
  } catch (error) {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
