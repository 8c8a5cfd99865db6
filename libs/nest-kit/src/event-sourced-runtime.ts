import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { PostgresEventStore } from '@opencheckout/event-store';
import { ensureEventsStream, OutboxRelay, ProjectionRunner, type RowProjection } from '@opencheckout/messaging';
import type { Logger } from 'pino';
import type { DataSource, MigrationInterface, MixedList } from 'typeorm';
import { createServiceDataSource, migrateServiceSchema } from './data-source.js';

export interface EventSourcedRuntimeOptions {
  service: string;
  schema: string;
  databaseUrl: string;
  databasePoolSize?: number;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  migrations: MixedList<new () => MigrationInterface>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections?: RowProjection<any>[];
  logger: Logger;
  /** Whether this process publishes its outbox (a write side) — true unless the service owns no events. */
  relay?: boolean;
  /**
   * When appends wake the relay: `in-transaction` (simplest) serialises the
   * commits of concurrent appends in Postgres; `after-commit` does not, but a
   * caller appending in its own transaction must call `store.notifyRelay()` after it commits.
   */
  notify?: 'in-transaction' | 'after-commit';
}

/**
 * What every event-sourced service runs besides its own logic: its schema
 * migrated, its event store, the outbox relay to JetStream and its projections.
 */
export class EventSourcedRuntime {
  private constructor(
    readonly dataSource: DataSource,
    readonly store: PostgresEventStore,
    readonly nats: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    private readonly relay: OutboxRelay | undefined,
    readonly projections: ProjectionRunner | undefined,
  ) {}

  static async start(options: EventSourcedRuntimeOptions): Promise<EventSourcedRuntime> {
    const dataSource = createServiceDataSource({
      url: options.databaseUrl,
      schema: options.schema,
      applicationName: options.service,
      migrations: options.migrations,
      poolSize: options.databasePoolSize,
    });
    await dataSource.initialize();
    await migrateServiceSchema(dataSource, options.schema);
    const nats = await connect({ servers: options.natsUrl.split(',').map((url) => url.trim()), name: `${options.service}-events` });
    const jsm = await jetstreamManager(nats);
    const js = jetstream(nats);
    await ensureEventsStream(jsm, { name: options.streamName, subjectPrefix: options.subjectPrefix });
    const store = new PostgresEventStore({
      dataSource,
      schema: options.schema,
      subjectPrefix: options.subjectPrefix,
      logger: options.logger,
      notify: options.notify,
    });
    const relay =
      options.relay === false
        ? undefined
        : new OutboxRelay({ dataSource, schema: options.schema, js, subjectPrefix: options.subjectPrefix, logger: options.logger });
    relay?.start();
    const projections =
      options.projections && options.projections.length > 0
        ? new ProjectionRunner({
            dataSource,
            schema: options.schema,
            js,
            jsm,
            service: options.service,
            projections: options.projections,
            streamName: options.streamName,
            subjectPrefix: options.subjectPrefix,
            logger: options.logger,
          })
        : undefined;
    await projections?.start();
    return new EventSourcedRuntime(dataSource, store, nats, js, jsm, relay, projections);
  }

  async close(): Promise<void> {
    await this.projections?.stop();
    await this.relay?.stop();
    await this.nats.drain().catch(() => undefined);
    await this.dataSource.destroy();
  }
}
