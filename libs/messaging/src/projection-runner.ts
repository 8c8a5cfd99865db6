import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { pino, type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { assertIdentifier } from '@opencheckout/event-store';
import { applyProjectionBatch, type ProjectionMessage } from './apply-projection-batch.js';
import { insertDeadLetters, lockProjection, readCheckpoint, writeCheckpoint } from './projection-store.js';
import { isRetryableProjectionError } from './retryable-projection-error.js';
import { durableNameFor, filterSubjectFor, type RowProjection } from './row-projection.js';
import { sleep, tryAcquireSessionLock, type SessionLock } from './session-lock.js';

export interface ProjectionRunnerOptions {
  dataSource: DataSource;
  /** The service's schema holding projection tables, checkpoints and dead letters. */
  schema: string;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Prefix of durable consumer names: `<service>_<projection>`. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: RowProjection<any>[];
  streamName?: string;
  subjectPrefix?: string;
  /** Most messages folded in one transaction; also the consumer's max_ack_pending. */
  batchSize?: number;
  /** Redelivery delay after a transient fault. */
  nakDelayMs?: number;
  ackWaitMs?: number;
  /** How often a standby replica retries to become the active one. */
  leaderRetryMs?: number;
  logger?: Logger;
  /** Called after a batch committed and before its messages are acked. */
  onCommitted?: (projection: string, position: number) => void | Promise<void>;
}

type BatchStatus = 'done' | 'retry';

const nanosPerMilli = 1_000_000;

/**
 * Keeps row projections up to date from the events stream: one durable pull
 * consumer per projection, rows and checkpoint in one transaction, ack after
 * commit, nak on transient faults, dead letter and term for poison messages.
 * One replica per projection is active (a session advisory lock); the others wait.
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private readonly streamName: string;
  private readonly subjectPrefix: string;
  private readonly batchSize: number;
  private readonly nakDelayMs: number;
  private readonly ackWaitMs: number;
  private readonly leaderRetryMs: number;
  private abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertIdentifier(options.schema, 'schema name');
    this.logger = (options.logger ?? pino({ level: 'info' })).child({ context: 'ProjectionRunner', schema: options.schema });
    this.streamName = options.streamName ?? 'EVENTS';
    this.subjectPrefix = options.subjectPrefix ?? 'events';
    this.batchSize = options.batchSize ?? 256;
    this.nakDelayMs = options.nakDelayMs ?? 1_000;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.leaderRetryMs = options.leaderRetryMs ?? 2_000;
    const names = new Set<string>();
    for (const projection of options.projections) {
      if (names.has(projection.name)) throw new Error(`duplicate projection name ${projection.name}`);
      names.add(projection.name);
    }
  }

  /** Creates (or updates) the durable consumers and starts consuming in the background. */
  async start(): Promise<void> {
    this.abort = new AbortController();
    for (const projection of this.options.projections) await this.ensureConsumer(projection);
    this.loops = this.options.projections.map((projection) => this.run(projection));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.loops = [];
  }

  durableName(projection: RowProjection): string {
    return durableNameFor(this.options.service, projection);
  }

  private async ensureConsumer(projection: RowProjection): Promise<void> {
    const durable = this.durableName(projection);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubjectFor(projection, this.subjectPrefix),
      // No more than one batch in flight: nak'd messages come back before any later one.
      max_ack_pending: this.batchSize,
      ack_wait: this.ackWaitMs * nanosPerMilli,
      max_deliver: -1,
    };
    try {
      const existing = await this.options.jsm.consumers.info(this.streamName, durable);
      if (existing.config.filter_subject !== config.filter_subject) {
        // nats-server 2.9 cannot change a durable's filter: delete the consumer and rebuild the projection.
        this.logger.warn(
          { projection: projection.name, current: existing.config.filter_subject, wanted: config.filter_subject },
          'durable consumer has another filter subject',
        );
      }
      await this.options.jsm.consumers.update(this.streamName, durable, {
        max_ack_pending: config.max_ack_pending,
        ack_wait: config.ack_wait,
      });
    } catch (error) {
      if (!/consumer not found/i.test(String((error as Error).message))) throw error;
      await this.options.jsm.consumers.add(this.streamName, config);
    }
  }

  private async run(projection: RowProjection): Promise<void> {
    const log = this.logger.child({ projection: projection.name });
    const signal = this.abort.signal;
    const lockKey = `opencheckout.projection.leader:${this.options.schema}.${projection.name}`;
    while (!signal.aborted) {
      let lock: SessionLock | null = null;
      try {
        lock = await tryAcquireSessionLock(this.options.dataSource, lockKey);
        if (!lock) {
          await sleep(this.leaderRetryMs, signal);
          continue;
        }
        log.info('consuming');
        await this.consume(projection, lock, log);
      } catch (error) {
        log.error({ err: error }, 'projection loop failed; restarting');
        await sleep(this.nakDelayMs, signal);
      } finally {
        await lock?.release().catch(() => undefined);
      }
    }
  }

  private async consume(projection: RowProjection, lock: SessionLock, log: Logger): Promise<void> {
    const signal = this.abort.signal;
    const consumer = await this.options.js.consumers.get(this.streamName, this.durableName(projection));
    const messages = await consumer.consume({ max_messages: this.batchSize, expires: 5_000 });
    const queue: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const reader = (async () => {
      try {
        for await (const message of messages) {
          queue.push(message);
          wake?.();
        }
      } finally {
        ended = true;
        wake?.();
      }
    })();
    const onAbort = () => {
      void messages.close();
      wake?.();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted && !lock.lost && !ended) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => {
            // Re-check the lock now and then even when the stream is quiet.
            const timer = setTimeout(resolve, 1_000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          continue;
        }
        const batch = queue.splice(0, this.batchSize);
        const status = await this.processBatch(projection, batch, log);
        if (status === 'retry') {
          // Later messages must not overtake the ones sent back.
          for (const message of queue.splice(0)) message.nak(this.nakDelayMs);
          await sleep(this.nakDelayMs, signal);
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await messages.close().catch(() => undefined);
      await reader.catch(() => undefined);
      // Whatever was received but not processed goes back at once.
      for (const message of queue.splice(0)) message.nak();
    }
  }

  /** Folds a batch in one transaction; on failure splits it to isolate a poison message. */
  private async processBatch(projection: RowProjection, batch: JsMsg[], log: Logger): Promise<BatchStatus> {
    const { dataSource, schema } = this.options;
    batch.sort((a, b) => a.seq - b.seq);
    const items: ProjectionMessage[] = batch.map((message) => ({ seq: message.seq, payload: message.data }));
    let outcome: { position: number; deadLettered: Set<number> };
    try {
      outcome = await dataSource.transaction(async (manager) => {
        await lockProjection(manager, schema, projection.name);
        const after = await readCheckpoint(manager, schema, projection.name);
        const result = await applyProjectionBatch({ manager, schema, projection, tableName: projection.table, messages: items, after });
        if (result.position > after) await writeCheckpoint(manager, schema, projection.name, result.position);
        return result;
      });
    } catch (error) {
      if (isRetryableProjectionError(error)) {
        log.warn({ err: error, from: items[0]!.seq }, 'transient fault; redelivering the batch');
        for (const message of batch) message.nak(this.nakDelayMs);
        return 'retry';
      }
      if (batch.length > 1) {
        // Something in the batch broke the transaction: replay it one message at a time.
        for (let i = 0; i < batch.length; i += 1) {
          if ((await this.processBatch(projection, [batch[i]!], log)) === 'retry') {
            for (const message of batch.slice(i + 1)) message.nak(this.nakDelayMs);
            return 'retry';
          }
        }
        return 'done';
      }
      return this.deadLetter(projection, batch[0]!, error, log);
    }
    for (const seq of outcome.deadLettered) log.error({ seq }, 'poison message dead-lettered');
    await this.options.onCommitted?.(projection.name, outcome.position);
    await this.settle(batch, outcome.deadLettered);
    return 'done';
  }

  private async deadLetter(projection: RowProjection, message: JsMsg, error: unknown, log: Logger): Promise<BatchStatus> {
    const { dataSource, schema } = this.options;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    let eventId: string | null = null;
    let type: string | null = null;
    try {
      const body = message.json<{ eventId?: unknown; type?: unknown }>();
      eventId = typeof body.eventId === 'string' ? body.eventId : null;
      type = typeof body.type === 'string' ? body.type : null;
    } catch {
      // Undecodable: the payload is kept as bytes.
    }
    try {
      await dataSource.transaction(async (manager) => {
        await lockProjection(manager, schema, projection.name);
        const after = await readCheckpoint(manager, schema, projection.name);
        if (message.seq <= after) return;
        await insertDeadLetters(manager, schema, projection.name, [
          { streamSequence: message.seq, eventId, type, error: reason, payload: message.data },
        ]);
        await writeCheckpoint(manager, schema, projection.name, message.seq);
      });
    } catch (deadLetterError) {
      log.warn({ err: deadLetterError, seq: message.seq }, 'could not record the dead letter; redelivering');
      message.nak(this.nakDelayMs);
      return 'retry';
    }
    log.error({ seq: message.seq, eventId, type, reason }, 'poison message dead-lettered');
    await this.options.onCommitted?.(projection.name, message.seq);
    await this.settle([message], new Set([message.seq]));
    return 'done';
  }

  private async settle(batch: JsMsg[], poison: Set<number>): Promise<void> {
    batch.forEach((message, index) => {
      const last = index === batch.length - 1;
      if (poison.has(message.seq)) message.term('dead-lettered');
      else if (!last) message.ack();
    });
    // Acks are processed in order: confirming the last one frees the whole batch's ack-pending slots.
    const last = batch[batch.length - 1]!;
    if (!poison.has(last.seq)) {
      try {
        await last.ackAck();
      } catch (error) {
        // The commit stands; an unconfirmed ack only leads to a harmless redelivery.
        this.logger.warn({ err: error, seq: last.seq }, 'ack not confirmed');
      }
    }
  }
}
