import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { pino, type Logger } from 'pino';
import type { DataSource, QueryRunner } from 'typeorm';
import { assertIdentifier, outboxChannel, qualified, type EventMetadata } from '@opencheckout/event-store';
import { encodeEventMessage, type EventMessage } from './event-message.js';
import { sleep, tryAcquireSessionLock, type SessionLock } from './session-lock.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  js: JetStreamClient;
  /** Used by republishFrom; outbox rows carry the subject they were appended with. */
  subjectPrefix?: string;
  batchSize?: number;
  /** Fallback when a notification is missed. */
  pollIntervalMs?: number;
  /** How often a standby replica retries to become the publishing one. */
  leaderRetryMs?: number;
  logger?: Logger;
  /** Called after JetStream acknowledged an event and before the outbox row is marked. */
  onPublished?: (event: EventMessage, ack: PubAck) => void | Promise<void>;
}

interface OutboxRow {
  position: string;
  subject: string;
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Publishes committed events from the outbox to JetStream in global-position
 * order, with `Nats-Msg-Id` = event id so a re-publish after a crash is dropped
 * by the stream. One relay per schema publishes (session advisory lock).
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly schema: string;
  private readonly subjectPrefix: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaderRetryMs: number;
  private readonly lockKey: string;
  private abort = new AbortController();
  private loop?: Promise<void>;
  private leader?: SessionLock;
  private wake?: () => void;
  // Serialises publishing on the leader connection (the loop, publishPending, republishFrom).
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxRelayOptions) {
    this.schema = assertIdentifier(options.schema, 'schema name');
    this.subjectPrefix = options.subjectPrefix ?? 'events';
    this.batchSize = options.batchSize ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.leaderRetryMs = options.leaderRetryMs ?? 2_000;
    this.lockKey = `opencheckout.outbox:${this.schema}`;
    this.logger = (options.logger ?? pino({ level: 'info' })).child({ context: 'OutboxRelay', schema: this.schema });
  }

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Publishes everything pending now; returns how many events were published. */
  async publishPending(): Promise<number> {
    return this.withPublisher((queryRunner) => this.drain(queryRunner));
  }

  /**
   * Re-sends stored events from `position` (inclusive) on, e.g. after the broker
   * lost acknowledged writes. Within the stream's duplicate window the msg-id
   * drops what the stream still has. Returns how many events were sent.
   */
  async republishFrom(position: bigint): Promise<number> {
    return this.withPublisher(async (queryRunner) => {
      let after = position - 1n;
      let total = 0;
      for (;;) {
        const rows = (await queryRunner.query(
          `SELECT e.global_position::text AS position, '' AS subject, e.event_id, e.type, e.schema_version, e.stream_id,
             e.version, e.data, e.metadata
           FROM ${qualified(this.schema, 'events')} e WHERE e.global_position > $1 ORDER BY e.global_position LIMIT $2`,
          [after.toString(), this.batchSize],
        )) as OutboxRow[];
        if (rows.length === 0) return total;
        for (const row of rows) {
          row.subject = `${this.subjectPrefix}.${row.type}`;
          await this.publish(row);
        }
        total += rows.length;
        after = BigInt(rows[rows.length - 1]!.position);
      }
    });
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      let lock: SessionLock | null = null;
      try {
        lock = await tryAcquireSessionLock(this.options.dataSource, this.lockKey);
        if (!lock) {
          await sleep(this.leaderRetryMs, signal);
          continue;
        }
        this.leader = lock;
        const client = (lock.queryRunner as unknown as { databaseConnection: NodeJS.EventEmitter }).databaseConnection;
        const onNotification = () => this.wake?.();
        client.on('notification', onNotification);
        try {
          await lock.queryRunner.query(`LISTEN "${outboxChannel(this.schema)}"`);
          this.logger.info('publishing');
          while (!signal.aborted && !lock.lost) {
            const waiting = new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, this.pollIntervalMs);
              this.wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            await this.exclusively(() => this.drain(lock!.queryRunner));
            await waiting;
          }
        } finally {
          client.off('notification', onNotification);
          this.leader = undefined;
          if (!lock.lost) await lock.queryRunner.query('UNLISTEN *').catch(() => undefined);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'relay failed; retrying');
        await sleep(Math.min(this.pollIntervalMs, 1_000), signal);
      } finally {
        await lock?.release().catch(() => undefined);
      }
    }
  }

  private exclusively<T>(task: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(task, task);
    this.exclusive = result.catch(() => undefined);
    return result;
  }

  /** Runs `task` as the one publisher: on the running loop's connection, or by taking the lock. */
  private async withPublisher<T>(task: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
    if (this.leader && !this.leader.lost) {
      const leader = this.leader;
      return this.exclusively(() => task(leader.queryRunner));
    }
    const queryRunner = this.options.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      // Waits for another replica's relay, if one is publishing.
      await queryRunner.query('SELECT pg_advisory_lock(hashtext($1))', [this.lockKey]);
      try {
        return await task(queryRunner);
      } finally {
        await queryRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockKey]);
      }
    } finally {
      await queryRunner.release();
    }
  }

  private async drain(queryRunner: QueryRunner): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT o.global_position::text AS position, o.subject, e.event_id, e.type, e.schema_version, e.stream_id, e.version, e.data, e.metadata
         FROM ${qualified(this.schema, 'outbox')} o JOIN ${qualified(this.schema, 'events')} e USING (global_position)
         WHERE o.published_at IS NULL ORDER BY o.global_position LIMIT $1`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return total;
      const published: string[] = [];
      try {
        for (const row of rows) {
          await this.publish(row);
          published.push(row.position);
        }
      } finally {
        if (published.length > 0) {
          await queryRunner.query(
            `UPDATE ${qualified(this.schema, 'outbox')} SET published_at = now() WHERE global_position = ANY($1::bigint[])`,
            [published],
          );
        }
      }
      total += rows.length;
    }
  }

  private async publish(row: OutboxRow): Promise<void> {
    const event: EventMessage = {
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      streamId: row.stream_id,
      version: row.version,
      globalPosition: BigInt(row.position),
      occurredAt: row.metadata.occurredAt,
      metadata: row.metadata,
      data: row.data,
    };
    const encoded = encodeEventMessage(event, this.subjectPrefix);
    const headers = natsHeaders();
    headers.set('Content-Type', 'application/json');
    const ack = await this.options.js.publish(row.subject, encoded.body, { msgID: encoded.msgId, headers });
    await this.options.onPublished?.(event, ack);
  }
}
