import type { JsonValue } from '@bufbuild/protobuf';
import {
  PaymentConfirmedSchema,
  PaymentDetectedSchema,
  PaymentRevertedSchema,
  decodeEventDataAs,
} from '@opencheckout/contracts';
import { NotFoundError } from '@opencheckout/errors';
import type { EventMessage } from '@opencheckout/messaging';
import type { Logger } from 'pino';
import type { SessionCommand } from '../domain/checkout-session.decider.js';
import type { ChangeSessionUseCase } from './change-session.usecase.js';

/** When the payment was made: its block's time when known, else when the watcher saw it. */
function paidAt(blockTimestamp: string, occurredAt: string): number {
  const block = blockTimestamp === '' ? Number.NaN : Date.parse(blockTimestamp);
  return Number.isNaN(block) ? Date.parse(occurredAt) : block;
}

/** Turns the watcher's payment facts into commands on the session they pay. */
export class PaymentReactor {
  constructor(
    private readonly change: ChangeSessionUseCase,
    private readonly logger: Logger,
  ) {}

  async handle(event: EventMessage): Promise<void> {
    const data = event.data as JsonValue;
    let command: SessionCommand;
    let sessionId: string;
    switch (event.type) {
      case 'payment.detected': {
        const payment = decodeEventDataAs(PaymentDetectedSchema, data);
        sessionId = payment.sessionId;
        command = { kind: 'record_detected', payment, at: paidAt(payment.blockTimestamp, event.occurredAt) };
        break;
      }
      case 'payment.confirmed': {
        const payment = decodeEventDataAs(PaymentConfirmedSchema, data);
        sessionId = payment.sessionId;
        command = { kind: 'record_confirmed', payment, at: paidAt(payment.blockTimestamp, event.occurredAt) };
        break;
      }
      case 'payment.reverted': {
        const payment = decodeEventDataAs(PaymentRevertedSchema, data);
        sessionId = payment.sessionId;
        command = { kind: 'record_reverted', payment, at: Date.parse(event.occurredAt) };
        break;
      }
      default:
        return;
    }
    try {
      await this.change.execute(sessionId, command, {
        occurredAt: event.occurredAt,
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
      });
    } catch (error) {
      // A payment to an address whose session this service never had: recorded by the watcher, nothing to change here.
      if (error instanceof NotFoundError) {
        this.logger.warn({ sessionId, eventId: event.eventId }, 'payment for an unknown session');
        return;
      }
      throw error;
    }
  }
}
