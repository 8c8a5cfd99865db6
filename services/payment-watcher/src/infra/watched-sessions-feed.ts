import { DeliverPolicy, type Consumer, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import { decodeEventMessage } from '@opencheckout/messaging';
import { qualified } from '@opencheckout/event-store';
import { readCheckpoint } from '@opencheckout/messaging';
import type { JsonValue } from '@bufbuild/protobuf';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { WatchedSessionIndex } from '../domain/watched-session.js';
import {
  WATCHED_ADDRESSES,
  watchedSessionFrom,
  watchedSessionFromRow,
  type WatchedAddressRow,
} from './projections/watched-addresses.projection.js';

export interface WatchedSessionsFeedOptions {
  dataSource: DataSource;
  schema: string;
  js: JetStreamClient;
  streamName: string;
  subjectPrefix: string;
  index: WatchedSessionIndex;
  tailSeconds: number;
  logger: Logger;
  clock?: () => Date;
}

/**
 * Keeps this replica's in-memory index of watched sessions current: the live
 * rows of the projection, then every `session.created` after the projection's
 * checkpoint from an ordered consumer of its own (each replica needs all of
 * them, so no shared durable). Rows and checkpoint are read in one snapshot,
 * so no session falls between the two.
 */
export class WatchedSessionsFeed {
  private consumer: Consumer | null = null;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private handledSeq = 0;
  private readonly logger: Logger;

  constructor(private readonly options: WatchedSessionsFeedOptions) {
    this.logger = options.logger.child({ context: 'WatchedSessionsFeed' });
  }

  async start(): Promise<void> {
    const { dataSource, schema, index, clock } = this.options;
    const now = (clock ?? (() => new Date()))();
    const { rows, checkpoint } = await dataSource.transaction('REPEATABLE READ', async (manager) => {
      const checkpoint = await readCheckpoint(manager, schema, WATCHED_ADDRESSES);
      const rows = (await manager.query(`SELECT * FROM ${qualified(schema, WATCHED_ADDRESSES)} WHERE watch_until > $1`, [
        now.toISOString(),
      ])) as WatchedAddressRow[];
      return { rows, checkpoint };
    });
    for (const row of rows) index.upsert(watchedSessionFromRow(row));
    this.handledSeq = checkpoint;
    this.consumer = await this.options.js.consumers.get(this.options.streamName, {
      filter_subjects: `${this.options.subjectPrefix}.session.created`,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: checkpoint + 1,
    });
    this.messages = await this.consumer.consume();
    this.logger.info({ loaded: rows.length, fromSeq: checkpoint + 1 }, 'watching sessions');
    const messages = this.messages;
    this.loop = (async () => {
      for await (const message of messages) {
        try {
          const event = decodeEventMessage(message.data);
          const session = watchedSessionFrom(event.data as JsonValue, this.options.tailSeconds);
          if (session) index.upsert(session);
        } catch (error) {
          this.logger.error({ err: error, seq: message.seq }, 'undecodable session.created; skipped');
        }
        this.handledSeq = message.seq;
      }
    })();
  }

  /**
   * Waits (up to `timeoutMs`) until every `session.created` already on the
   * stream is in the index, so a block is not scanned before the sessions
   * created before it are known.
   */
  async caughtUp(timeoutMs = 2_000): Promise<boolean> {
    if (!this.consumer) return false;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const info = await this.consumer.info();
        if (info.num_pending === 0 && this.handledSeq >= info.delivered.stream_seq) return true;
      } catch (error) {
        this.logger.warn({ err: error }, 'could not read the feed position');
        return false;
      }
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
    await this.loop?.catch(() => undefined);
    this.messages = null;
    this.consumer = null;
  }
}
