import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { AppError } from '@opencheckout/errors';
import { decodeEventMessage, type EventMessage } from '@opencheckout/messaging';
import type { Logger } from 'pino';

export interface EventReactorOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  streamName: string;
  /** Durable consumer name; replicas of a service share it, so each event is handled once. */
  durable: string;
  filterSubject: string;
  /** Handles one event; throwing a retryable error (or any non-AppError) redelivers it after `retryDelayMs`. */
  handle: (event: EventMessage) => Promise<void>;
  logger: Logger;
  retryDelayMs?: number;
  /** Start from new events only (a reactor added to a running system must not replay history). */
  deliverNew?: boolean;
}

/**
 * Reacts to facts on the events stream (a process manager, not a projection):
 * strictly in stream order (one message in flight), ack after the handler
 * committed, nak with delay on transient faults, term on poison.
 */
export class EventReactor {
  private abort = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly options: EventReactorOptions) {}

  async start(): Promise<void> {
    const { jsm, streamName, durable, filterSubject } = this.options;
    try {
      await jsm.consumers.info(streamName, durable);
    } catch (error) {
      if (!/consumer not found/i.test(String((error as Error).message))) throw error;
      await jsm.consumers.add(streamName, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: this.options.deliverNew ? DeliverPolicy.New : DeliverPolicy.All,
        filter_subject: filterSubject,
        max_ack_pending: 1,
        ack_wait: 30_000_000_000,
        max_deliver: -1,
      });
    }
    this.abort = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { js, streamName, durable, logger } = this.options;
    const log = logger.child({ context: 'EventReactor', durable });
    const retryDelayMs = this.options.retryDelayMs ?? 1_000;
    while (!this.abort.signal.aborted) {
      try {
        const consumer = await js.consumers.get(streamName, durable);
        const messages = await consumer.consume({ max_messages: 1, expires: 5_000 });
        const onAbort = () => void messages.close();
        this.abort.signal.addEventListener('abort', onAbort, { once: true });
        try {
          for await (const message of messages) {
            let event: EventMessage;
            try {
              event = decodeEventMessage(message.data);
            } catch (error) {
              log.error({ err: error, seq: message.seq }, 'undecodable event; terminated');
              message.term();
              continue;
            }
            try {
              await this.options.handle(event);
              message.ack();
            } catch (error) {
              const retryable = !(error instanceof AppError) || error.retryable || error.status >= 500;
              if (retryable) {
                log.warn({ err: error, type: event.type, eventId: event.eventId }, 'handler failed; will retry');
                message.nak(retryDelayMs);
              } else {
                log.error({ err: error, type: event.type, eventId: event.eventId }, 'event refused; terminated');
                message.term();
              }
            }
          }
        } finally {
          this.abort.signal.removeEventListener('abort', onAbort);
        }
      } catch (error) {
        if (this.abort.signal.aborted) break;
        log.error({ err: error }, 'reactor loop failed; restarting');
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }
}
