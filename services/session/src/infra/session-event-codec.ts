import type { JsonValue } from '@bufbuild/protobuf';
import { decodeEventData, encodeEventData } from '@opencheckout/contracts';
import type { NewEvent, RecordedEventLike } from '@opencheckout/event-store';
import type { SessionEvent } from '../domain/checkout-session.decider.js';

/** A stored or streamed session event back into the decider's typed event. */
export function decodeSessionEvent(event: Pick<RecordedEventLike, 'type' | 'data'>): SessionEvent {
  return { type: event.type, data: decodeEventData(event.type, event.data as JsonValue) } as SessionEvent;
}

export interface EventContext {
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
}

/** A decided event into the store's form: proto JSON data plus metadata. */
export function encodeSessionEvent(event: SessionEvent, context: EventContext): NewEvent {
  return {
    type: event.type,
    data: encodeEventData(event.type, event.data),
    metadata: {
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      merchantId: event.data.merchantId,
      livemode: event.data.livemode,
    },
  };
}
