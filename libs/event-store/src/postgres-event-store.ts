import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyError, StateConflictError, ValidationError } from '@opencheckout/errors';
import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventMetadata,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from './event-store.types.js';
import { pgErrorCode, pgErrorConstraint } from './pg-error.js';
import { assertIdentifier, qualified } from './schema-name.js';
import { streamTypeOf } from './stream-type.js';

export interface PostgresEventStoreOptions {
  dataSource: DataSource;
  /** The service's own Postgres schema (`session`, `dashboard`, …), created by `eventStoreSchemaSql`. */
  schema: string;
  /** JetStream subjects are `<subjectPrefix>.<type>`. */
  subjectPrefix?: string;
  logger?: Logger;
}

// Event types become JetStream subject tokens: dot-separated lower-case words.
const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_type: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

const eventColumns =
  'global_position, stream_id, stream_type, version, event_id, type, schema_version, data, metadata, recorded_at';

/** An append-only event store in one Postgres schema, with a transactional outbox. */
export class PostgresEventStore {
  readonly schema: string;
  readonly subjectPrefix: string;
  private readonly dataSource: DataSource;
  private readonly logger: Logger;
  private readonly events: string;
  private readonly outbox: string;

  constructor(options: PostgresEventStoreOptions) {
    this.dataSource = options.dataSource;
    this.schema = assertIdentifier(options.schema, 'schema name');
    this.subjectPrefix = options.subjectPrefix ?? 'events';
    this.logger = (options.logger ?? pino({ level: 'info' })).child({ context: 'PostgresEventStore', schema: this.schema });
    this.events = qualified(this.schema, 'events');
    this.outbox = qualified(this.schema, 'outbox');
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendToStreamOptions): Promise<AppendToStreamResult> {
    if (events.length === 0) throw new ValidationError('Nothing to append.', { code: 'events_empty' });
    if (streamId.length === 0) throw new ValidationError('A stream id is required.', { code: 'stream_id_missing' });
    for (const event of events) {
      if (!eventTypePattern.test(event.type)) {
        throw new ValidationError(`Invalid event type '${event.type}'.`, { code: 'event_type_invalid' });
      }
    }
    const streamType = options.streamType ?? streamTypeOf(streamId, events[0]!.type);
    const run = (manager: EntityManager) => this.append(manager, streamId, streamType, events, options);
    return options.manager ? run(options.manager) : this.dataSource.transaction(run);
  }

  private async append(
    manager: EntityManager,
    streamId: string,
    streamType: string,
    events: NewEvent[],
    options: AppendToStreamOptions,
  ): Promise<AppendToStreamResult> {
    const [{ version: current }] = (await manager.query(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${this.events} WHERE stream_id = $1`,
      [streamId],
    )) as [{ version: number }];
    const expected = options.expectedVersion;
    const expectedNumber = expected === 'no_stream' ? 0 : expected;
    if (expectedNumber !== 'any' && expectedNumber !== current) {
      throw new ConcurrencyError(streamId, expected, current);
    }

    const versions: number[] = [];
    const eventIds: string[] = [];
    const types: string[] = [];
    const schemaVersions: number[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    events.forEach((event, index) => {
      const eventId = event.metadata.eventId ?? randomUUID();
      const meta: EventMetadata = {
        ...event.metadata,
        eventId,
        correlationId: event.metadata.correlationId ?? eventId,
      };
      versions.push(current + index + 1);
      eventIds.push(eventId);
      types.push(event.type);
      schemaVersions.push(event.schemaVersion ?? 1);
      data.push(JSON.stringify(event.data));
      metadata.push(JSON.stringify(meta));
    });

    // One statement inserts the events and their outbox rows; the outbox trigger notifies the relay.
    const sql = `
      WITH inserted AS (
        INSERT INTO ${this.events} (stream_id, stream_type, version, event_id, type, schema_version, data, metadata)
        SELECT $1, $2, u.version, u.event_id, u.type, u.schema_version, u.data, u.metadata
        FROM unnest($3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[])
          AS u(version, event_id, type, schema_version, data, metadata)
        ORDER BY u.version
        RETURNING global_position, event_id, type, version
      )
      INSERT INTO ${this.outbox} (global_position, event_id, subject)
      SELECT global_position, event_id, $9 || '.' || type FROM inserted ORDER BY version
      RETURNING global_position`;
    try {
      const rows = (await manager.query(sql, [
        streamId,
        streamType,
        versions,
        eventIds,
        types,
        schemaVersions,
        data,
        metadata,
        this.subjectPrefix,
      ])) as { global_position: string }[];
      const globalPositions = rows.map((row) => BigInt(row.global_position)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { nextExpectedVersion: current + events.length, globalPositions };
    } catch (error) {
      if (pgErrorCode(error) === '23505') {
        const constraint = pgErrorConstraint(error);
        // A concurrent append took the same version first and committed.
        if (constraint === 'events_stream_version_key') {
          throw new ConcurrencyError(streamId, expected, current + 1);
        }
        if (constraint === 'events_event_id_key' || constraint === 'outbox_event_id_key') {
          throw new StateConflictError('An event with this id was already appended.', { code: 'event_duplicate' });
        }
      }
      this.logger.error({ err: error, streamId }, 'append failed');
      throw error;
    }
  }

  /** The events of one stream in version order (empty when the stream does not exist). */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const manager = options.manager ?? this.dataSource.manager;
    const rows = (await manager.query(
      `SELECT ${eventColumns} FROM ${this.events} WHERE stream_id = $1 AND version > $2 ORDER BY version`,
      [streamId, options.afterVersion ?? 0],
    )) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  /**
   * Events after a global position, in global order. Only events of transactions
   * older than every transaction still running are returned, so an event whose
   * transaction commits later than a higher position was read is never skipped.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const manager = options.manager ?? this.dataSource.manager;
    const rows = (await manager.query(
      `SELECT ${eventColumns} FROM ${this.events}
       WHERE global_position > $1 AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY global_position LIMIT $2`,
      [options.after.toString(), options.limit],
    )) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  /** The current version of a stream, 0 when it does not exist. */
  async streamVersion(streamId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = (await manager.query(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${this.events} WHERE stream_id = $1`,
      [streamId],
    )) as [{ version: number }];
    return row.version;
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.version,
    globalPosition: BigInt(row.global_position),
    occurredAt: row.metadata.occurredAt,
    metadata: row.metadata,
    data: row.data,
    recordedAt: row.recorded_at,
  };
}
