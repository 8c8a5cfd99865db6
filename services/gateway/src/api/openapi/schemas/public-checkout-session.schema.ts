import { boolean, closedObject, constant, dateTime, integer, arrayOf, nullable, ref, string, type JsonSchema } from '../json-schema.js';
import { SESSION_MODES, SESSION_STATUSES } from './checkout-session.schema.js';

/** Mirrors presentPublicSession (public/public-checkout.controller.ts): the buyer's view, without metadata or customer data. */
export const publicCheckoutSessionSchemas: Record<string, JsonSchema> = {
  PublicCheckoutSession: closedObject(
    {
      id: string({ pattern: '^cs_(test|live)_' }),
      object: constant('checkout_session'),
      status: { type: 'string', enum: [...SESSION_STATUSES] },
      mode: { type: 'string', enum: [...SESSION_MODES] },
      address: string(),
      chainId: nullable(integer()),
      asset: ref('PaymentAssetView'),
      amount: ref('AtomicAmount'),
      amountReceived: ref('AtomicAmount'),
      fiat: ref('FiatMoney'),
      lineItems: arrayOf(
        closedObject({
          name: string(),
          description: nullable(string()),
          quantity: integer({ minimum: 1 }),
          unitAmount: string(),
        }),
      ),
      donation: nullable(closedObject({ minimum: ref('MoneyView') })),
      payments: arrayOf(
        closedObject({
          txHash: string(),
          amount: ref('AtomicAmount'),
          confirmations: integer({ minimum: 0 }),
          status: { type: 'string', enum: ['detected', 'confirmed', 'reverted'] },
        }),
      ),
      confirmationsRequired: integer({ minimum: 0 }),
      successUrl: nullable(string()),
      cancelUrl: nullable(string()),
      livemode: boolean(),
      expiresAt: dateTime(),
      sequence: integer({ minimum: 0 }),
    },
    { description: 'What the hosted payment page may show, by unguessable session id, without a key.' },
  ),
};
