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
import { assertIdentifier, outboxChannel, qualified } from './schema-name.js';
import { streamTypeOf } from './stream-type.js';

export interface PostgresEventStoreOptions {
  dataSource: DataSource;
  /** The service's own Postgres schema (`session`, `dashboard`, …), created by `eventStoreSchemaSql`. */
  schema: string;
  /** JetStream subjects are `<subjectPrefix>.<type>`. */
  subjectPrefix?: string;
  logger?: Logger;
  /**
   * When to wake the outbox relay with `pg_notify('<schema>_outbox')`:
   * `in-transaction` (default) notifies inside the append's transaction, so the
   * wake-up is exactly as durable as the events. Postgres serialises the commits of
   * notifying transactions, which caps concurrent appends; `after-commit` notifies
   * right after the store's own transaction instead (appends in a caller's
   * transaction then rely on `notifyRelay()` or the relay's polling).
   */
  notify?: 'in-transaction' | 'after-commit';
}

// Event types become JetStream subject tokens: dot-separated lower-case words.
const eventTypePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  private readonly notify: 'in-transaction' | 'after-commit';
  private readonly channel: string;

  constructor(options: PostgresEventStoreOptions) {
    this.dataSource = options.dataSource;
    this.schema = assertIdentifier(options.schema, 'schema name');
    this.subjectPrefix = options.subjectPrefix ?? 'events';
    this.logger = (options.logger ?? pino({ level: 'info' })).child({ context: 'PostgresEventStore', schema: this.schema });
    this.events = qualified(this.schema, 'events');
    this.outbox = qualified(this.schema, 'outbox');
    this.notify = options.notify ?? 'in-transaction';
    this.channel = outboxChannel(this.schema);
  }

  /** Wakes the outbox relay (for appends made in a caller's transaction with `notify: 'after-commit'`). */
  async notifyRelay(): Promise<void> {
    await this.dataSource.query('SELECT pg_notify($1, $2)', [this.channel, '']);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendToStreamOptions): Promise<AppendToStreamResult> {
    if (events.length === 0) throw new ValidationError('Nothing to append.', { code: 'events_empty' });
    if (streamId.length === 0) throw new ValidationError('A stream id is required.', { code: 'stream_id_missing' });
    for (const event of events) {
      if (event.metadata.eventId !== undefined && !uuidPattern.test(event.metadata.eventId)) {
        throw new ValidationError('An event id must be a UUID.', { code: 'event_id_invalid' });
      }
      if (!eventTypePattern.test(event.type)) {
        throw new ValidationError(`Invalid event type '${event.type}'.`, { code: 'event_type_invalid' });
      }
    }
    const streamType = options.streamType ?? streamTypeOf(streamId, events[0]!.type);
    const result = await this.append(options.manager ?? this.dataSource.manager, streamId, streamType, events, options);
    if (this.notify === 'after-commit' && !options.manager) {
      await this.notifyRelay().catch((error: unknown) => this.logger.warn({ err: error }, 'relay wake-up failed; it will poll'));
    }
    return result;
  }

  /**
   * One statement checks the expected version, inserts the events and their
   * outbox rows, and (by default) notifies the relay. Being one statement it is
   * atomic on its own, so without a caller transaction it needs no BEGIN/COMMIT.
   */
  private async append(
    manager: EntityManager,
    streamId: string,
    streamType: string,
    events: NewEvent[],
    options: AppendToStreamOptions,
  ): Promise<AppendToStreamResult> {
    const expected = options.expectedVersion;
    const expectedNumber = expected === 'no_stream' ? 0 : expected === 'any' ? null : expected;
    const eventIds: string[] = [];
    const types: string[] = [];
    const schemaVersions: number[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    for (const event of events) {
      const eventId = event.metadata.eventId ?? randomUUID();
      const meta: EventMetadata = {
        ...event.metadata,
        eventId,
        correlationId: event.metadata.correlationId ?? eventId,
      };
      eventIds.push(eventId);
      types.push(event.type);
      schemaVersions.push(event.schemaVersion ?? 1);
      data.push(JSON.stringify(event.data));
      metadata.push(JSON.stringify(meta));
    }

    const sql = `
      WITH current AS (
        SELECT coalesce(max(version), 0)::int AS version FROM ${this.events} WHERE stream_id = $1
      ), inserted AS (
        INSERT INTO ${this.events} (stream_id, stream_type, version, event_id, type, schema_version, data, metadata)
        SELECT $1, $2, c.version + u.ord::int, u.event_id, u.type, u.schema_version, u.data, u.metadata
        FROM current c, unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
          WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, ord)
        WHERE $9::int IS NULL OR c.version = $9::int
        ORDER BY u.ord
        RETURNING global_position, event_id, type, version
      ), outboxed AS (
        INSERT INTO ${this.outbox} (global_position, event_id, subject)
        SELECT global_position, event_id, $8 || '.' || type FROM inserted ORDER BY version
        RETURNING global_position
      )
      SELECT (SELECT version FROM current) AS current,
             (SELECT array_agg(global_position::text ORDER BY global_position) FROM outboxed) AS positions,
             (SELECT count(*) FROM (SELECT pg_notify($10, '') WHERE $11::boolean AND EXISTS (SELECT 1 FROM outboxed)) n) AS notified`;
    let row: { current: number; positions: string[] | null };
    try {
      [row] = (await manager.query(sql, [
        streamId,
        streamType,
        eventIds,
        types,
        schemaVersions,
        data,
        metadata,
        this.subjectPrefix,
        expectedNumber,
        this.channel,
        this.notify === 'in-transaction',
      ])) as [{ current: number; positions: string[] | null }];
    } catch (error) {
      if (pgErrorCode(error) === '23505') {
        const constraint = pgErrorConstraint(error);
        // A concurrent append took the same version first and committed.
        if (constraint === 'events_stream_version_key') {
          throw new ConcurrencyError(streamId, expected, await this.versionAfterRace(streamId, options.manager));
        }
        if (constraint === 'events_event_id_key' || constraint === 'outbox_event_id_key') {
          throw new StateConflictError('An event with this id was already appended.', { code: 'event_duplicate' });
        }
      }
      this.logger.error({ err: error, streamId }, 'append failed');
      throw error;
    }
    if (row.positions === null) throw new ConcurrencyError(streamId, expected, row.current);
    return {
      nextExpectedVersion: row.current + events.length,
      globalPositions: row.positions.map((position) => BigInt(position)),
    };
  }

  private async versionAfterRace(streamId: string, callerManager?: EntityManager): Promise<number> {
    // The caller's transaction is aborted by the failed insert; only a fresh connection can look.
    if (callerManager) return -1;
    return this.streamVersion(streamId).catch(() => -1);
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
