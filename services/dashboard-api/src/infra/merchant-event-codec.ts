import type { JsonValue } from '@bufbuild/protobuf';
import { decodeEventData, encodeEventData } from '@opencheckout/contracts';
import type { NewEvent, RecordedEventLike } from '@opencheckout/event-store';
import type { MerchantEvent } from '../domain/merchant.decider.js';

/** A stored merchant event back into the decider's typed event. */
export function decodeMerchantEvent(event: Pick<RecordedEventLike, 'type' | 'data'>): MerchantEvent {
  return { type: event.type, data: decodeEventData(event.type, event.data as JsonValue) } as MerchantEvent;
}

export interface EventContext {
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
}

/** A decided event into the store's form. Merchant-wide events (created, settings) carry no mode. */
export function encodeMerchantEvent(event: MerchantEvent, context: EventContext): NewEvent {
  const livemode = 'livemode' in event.data ? event.data.livemode : undefined;
  return {
    type: event.type,
    data: encodeEventData(event.type, event.data),
    metadata: {
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      merchantId: event.data.merchantId,
      livemode,
    },
  };
}
