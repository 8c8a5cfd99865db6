import type { PostgresEventStore } from '@opencheckout/event-store';
import type { EntityManager } from 'typeorm';
import { evolve, type MerchantEvent } from '../domain/merchant.decider.js';
import type { Merchant } from '../domain/merchant.js';
import { decodeMerchantEvent, encodeMerchantEvent, type EventContext } from '../infra/merchant-event-codec.js';

export interface LoadedMerchant {
  state: Merchant | null;
  /** The stream's version: the expected version of the next append (0: no stream). */
  version: number;
}

/** Loads a merchant by folding its stream (id = merchant id) and appends what the decider decided. */
export class MerchantRepository {
  constructor(private readonly store: PostgresEventStore) {}

  async load(merchantId: string, manager?: EntityManager): Promise<LoadedMerchant> {
    if (merchantId === '') return { state: null, version: 0 };
    const recorded = await this.store.readStream(merchantId, { manager });
    let state: Merchant | null = null;
    for (const event of recorded) state = evolve(state, decodeMerchantEvent(event), event.occurredAt);
    return { state, version: recorded.length === 0 ? 0 : recorded[recorded.length - 1]!.version };
  }

  async append(merchantId: string, events: MerchantEvent[], expectedVersion: number, context: EventContext, manager: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await this.store.appendToStream(
      merchantId,
      events.map((event) => encodeMerchantEvent(event, context)),
      { expectedVersion: expectedVersion === 0 ? 'no_stream' : expectedVersion, manager, streamType: 'merchant' },
    );
  }
}
