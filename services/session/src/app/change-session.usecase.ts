import { AppError, ConcurrencyError, NotFoundError, StateConflictError, ValidationError } from '@opencheckout/errors';
import type { CheckoutSessionView } from '@opencheckout/contracts';
import { decide, type SessionCommand } from '../domain/checkout-session.decider.js';
import { SessionRuleError } from '../domain/session-rule.error.js';
import { presentView } from './present-view.js';
import type { SessionRepository } from './session-repository.js';
import { evolveView } from '../domain/session-view.js';

const MAX_ATTEMPTS = 5;

/** A refused lifecycle rule, as the public error a caller sees. */
function publicError(error: SessionRuleError, sessionId: string): AppError {
  switch (error.code) {
    case 'session_missing':
      return new NotFoundError('checkout session', sessionId);
    case 'amount_below_minimum':
      return new ValidationError(error.message, { param: 'amount', code: error.code });
    case 'session_not_donation':
    case 'session_not_subscription':
      return new ValidationError(error.message, { code: error.code });
    default:
      return new StateConflictError(error.message, { code: error.code });
  }
}

export interface ChangeContext {
  merchantId?: string;
  livemode?: boolean;
  correlationId?: string;
  causationId?: string;
  occurredAt: string;
}

/**
 * Runs a command against a session: load, decide, append at the version read,
 * and on a concurrent writer start over (the decider is idempotent for repeated facts).
 */
export class ChangeSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly publicUrl: string,
  ) {}

  async execute(sessionId: string, command: SessionCommand, context: ChangeContext): Promise<CheckoutSessionView> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.sessions.load(sessionId);
      if (
        loaded === null ||
        (context.merchantId !== undefined &&
          (loaded.view.merchantId !== context.merchantId || loaded.view.livemode !== context.livemode))
      ) {
        throw new NotFoundError('checkout session', sessionId);
      }
      let events;
      try {
        events = decide(command, loaded.state);
      } catch (error) {
        throw error instanceof SessionRuleError ? publicError(error, sessionId) : error;
      }
      try {
        await this.sessions.append(sessionId, events, loaded.state.version, context);
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      let view = loaded.view;
      for (const event of events) view = evolveView(view, event, context.occurredAt);
      return presentView(view, this.publicUrl);
    }
  }
}
