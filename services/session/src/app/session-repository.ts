import type { PostgresEventStore } from '@opencheckout/event-store';
import type { CheckoutSessionView } from '@opencheckout/contracts';
import type { EntityManager } from 'typeorm';
import { evolve, type SessionEvent } from '../domain/checkout-session.decider.js';
import type { CheckoutSession } from '../domain/checkout-session.js';
import { evolveView } from '../domain/session-view.js';
import { decodeSessionEvent, encodeSessionEvent, type EventContext } from '../infra/session-event-codec.js';

export interface LoadedSession {
  state: CheckoutSession;
  view: CheckoutSessionView;
}

/** Loads a session by folding its stream, and appends what the decider decided. */
export class SessionRepository {
  constructor(private readonly store: PostgresEventStore) {}

  async load(sessionId: string, manager?: EntityManager): Promise<LoadedSession | null> {
    const recorded = await this.store.readStream(sessionId, { manager });
    if (recorded.length === 0) return null;
    let state: CheckoutSession | null = null;
    let view: CheckoutSessionView | null = null;
    for (const event of recorded) {
      const decoded = decodeSessionEvent(event);
      state = evolve(state, decoded);
      view = evolveView(view, decoded, event.occurredAt);
    }
    return { state: state!, view: view! };
  }

  async append(
    sessionId: string,
    events: SessionEvent[],
    expectedVersion: number | 'no_stream',
    context: EventContext,
    manager?: EntityManager,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.store.appendToStream(
      sessionId,
      events.map((event) => encodeSessionEvent(event, context)),
      { expectedVersion, manager, streamType: 'session' },
    );
  }
}
