import { boolean, closedObject, constant, integer, nullable, string, arrayOf, ref, type JsonSchema } from '../json-schema.js';

/** Mirrors presentStripeLineItems (stripe/stripe-session.presenter.ts): Stripe's `item`. */
export const stripeLineItemSchemas: Record<string, JsonSchema> = {
  StripeLineItem: closedObject({
    id: string({ pattern: '^li_' }),
    object: constant('item'),
    amount_discount: integer(),
    amount_subtotal: integer(),
    amount_tax: integer(),
    amount_total: integer(),
    currency: string(),
    description: string(),
    quantity: integer({ minimum: 1 }),
    price: closedObject({
      object: constant('price'),
      currency: string(),
      unit_amount: integer({ minimum: 0 }),
      recurring: nullable(
        closedObject({ interval: nullable({ type: 'string', enum: ['day', 'week', 'month', 'year'] }), interval_count: integer() }),
      ),
      product_data: closedObject({ name: string(), description: nullable(string()) }),
    }),
  }),
  StripeLineItemList: closedObject({
    object: constant('list'),
    data: arrayOf(ref('StripeLineItem')),
    has_more: boolean(),
    url: string(),
  }),
};
