import { arrayOf, boolean, closedObject, constant, integer, nullable, ref, string, type JsonSchema } from '../json-schema.js';
import { SESSION_MODES, SESSION_STATUSES } from './checkout-session.schema.js';

/** Mirrors presentStripeSession (stripe/stripe-session.presenter.ts): Stripe's `checkout.session`, crypto details under `crypto`. */
export const stripeCheckoutSessionSchemas: Record<string, JsonSchema> = {
  StripeCheckoutSession: closedObject(
    {
      id: string({ pattern: '^cs_(test|live)_' }),
      object: constant('checkout.session'),
      amount_subtotal: integer({ minimum: 0, description: 'Minor units of the currency (cents).' }),
      amount_total: integer({ minimum: 0 }),
      cancel_url: nullable(string()),
      client_reference_id: nullable(string()),
      created: nullable(integer({ description: 'Unix seconds.' })),
      currency: nullable(string({ pattern: '^[a-z]{3}$' })),
      customer: { type: 'null' },
      customer_email: nullable(string()),
      expires_at: nullable(integer({ description: 'Unix seconds.' })),
      livemode: boolean(),
      metadata: { type: 'object', additionalProperties: string() },
      mode: { type: 'string', enum: [...SESSION_MODES] },
      payment_intent: { type: 'null' },
      payment_method_types: arrayOf(constant('crypto')),
      payment_status: { type: 'string', enum: ['paid', 'unpaid'] },
      status: { type: 'string', enum: ['open', 'complete', 'expired'] },
      success_url: nullable(string()),
      url: nullable(string({ description: 'The hosted payment page while the session is open.' })),
      crypto: closedObject({
        status: { type: 'string', enum: [...SESSION_STATUSES], description: 'The native status behind status / payment_status.' },
        address: string(),
        chain_id: nullable(integer()),
        asset: nullable(string()),
        token_address: nullable(string()),
        amount: ref('AtomicAmount'),
        amount_received: ref('AtomicAmount'),
        confirmations_required: integer({ minimum: 0 }),
        transactions: arrayOf(string()),
      }),
    },
    { description: 'A Stripe-compatible Checkout Session (seed 001).' },
  ),
};
