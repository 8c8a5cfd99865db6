import type { EventMetadata, RecordedEventLike } from '@opencheckout/event-store';
import { InvalidEventMessageError } from './invalid-event-message.error.js';

/** An event as it travels on JetStream (the decoded form; `globalPosition` is a decimal string on the wire). */
export type EventMessage = RecordedEventLike;

export interface EncodedEventMessage {
  subject: string;
  /** Goes into `Nats-Msg-Id` so re-publishes are dropped by the stream. */
  msgId: string;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeEventMessage(event: RecordedEventLike, subjectPrefix = 'events'): EncodedEventMessage {
  const wire = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    version: event.version,
    globalPosition: event.globalPosition.toString(),
    occurredAt: event.occurredAt,
    metadata: event.metadata,
    data: event.data,
  };
  return { subject: `${subjectPrefix}.${event.type}`, msgId: event.eventId, body: encoder.encode(JSON.stringify(wire)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new InvalidEventMessageError(`${field} must be a non-empty string`);
  return value;
}

function requirePositiveInt(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidEventMessageError(`${field} must be a positive integer`);
  }
  return value;
}

/** Parses and validates an event message; throws InvalidEventMessageError on anything else. */
export function decodeEventMessage(payload: Uint8Array | string): EventMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof payload === 'string' ? payload : decoder.decode(payload));
  } catch (error) {
    throw new InvalidEventMessageError('body is not UTF-8 JSON', { cause: error });
  }
  if (!isRecord(parsed)) throw new InvalidEventMessageError('body must be a JSON object');
  const eventId = requireString(parsed, 'eventId');
  const type = requireString(parsed, 'type');
  const streamId = requireString(parsed, 'streamId');
  const occurredAt = requireString(parsed, 'occurredAt');
  const schemaVersion = requirePositiveInt(parsed, 'schemaVersion');
  const version = requirePositiveInt(parsed, 'version');
  const position = requireString(parsed, 'globalPosition');
  if (!/^[1-9][0-9]*$/.test(position)) throw new InvalidEventMessageError('globalPosition must be a positive decimal string');
  const metadata = parsed.metadata;
  if (!isRecord(metadata) || typeof metadata.eventId !== 'string' || typeof metadata.correlationId !== 'string') {
    throw new InvalidEventMessageError('metadata must carry eventId and correlationId');
  }
  if (metadata.eventId !== eventId) throw new InvalidEventMessageError('metadata.eventId differs from eventId');
  if (!isRecord(parsed.data)) throw new InvalidEventMessageError('data must be a JSON object');
  return {
    eventId,
    type,
    schemaVersion,
    streamId,
    version,
    globalPosition: BigInt(position),
    occurredAt,
    metadata: metadata as unknown as EventMetadata,
    data: parsed.data,
  };
}
