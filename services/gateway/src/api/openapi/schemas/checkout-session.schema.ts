import {
  arrayOf,
  boolean,
  closedObject,
  constant,
  dateTime,
  decimalString,
  integer,
  integerString,
  nullable,
  ref,
  string,
  type JsonSchema,
} from '../json-schema.js';

/** Mirrors presentNativeSession (native/native-session.presenter.ts). */
export const SESSION_STATUSES = ['pending', 'detected', 'paid', 'underpaid', 'overpaid', 'expired', 'paid_late', 'canceled'] as const;
export const SESSION_MODES = ['payment', 'donation', 'subscription'] as const;

export const checkoutSessionSchemas: Record<string, JsonSchema> = {
  AtomicAmount: closedObject(
    {
      atomic: integerString({ description: 'In the asset\'s smallest unit (wei for ETH).' }),
      decimal: decimalString({ description: 'The same amount scaled by the asset\'s decimals.' }),
    },
    { description: 'A crypto amount, exact: integer atomic units and their decimal form, both strings.' },
  ),
  FiatMoney: closedObject({
    amount: decimalString({ examples: ['50.00'] }),
    currency: string({ pattern: '^[A-Z]{3}$', examples: ['USD'] }),
  }),
  PaymentAssetView: closedObject({
    code: string({ examples: ['ETH', 'USDC'] }),
    symbol: string(),
    decimals: integer({ minimum: 0 }),
    tokenAddress: nullable(string({ description: 'The ERC-20 contract; null for the native coin.' })),
  }),
  SessionPayment: closedObject({
    chainId: integer(),
    txHash: string(),
    logIndex: integer(),
    from: nullable(string()),
    amount: ref('AtomicAmount'),
    blockNumber: nullable(integer()),
    confirmations: integer({ minimum: 0 }),
    status: { type: 'string', enum: ['detected', 'confirmed', 'reverted'] },
    afterClose: boolean({ description: 'Arrived after the session closed (paid late or refund candidate).' }),
    detectedAt: nullable(dateTime()),
    confirmedAt: nullable(dateTime()),
  }),
  CheckoutSession: closedObject(
    {
      id: string({ pattern: '^cs_(test|live)_', examples: ['cs_test_01JD3ZJ5V9Q8X7W6T5S4R3P2N1'] }),
      object: constant('checkout_session'),
      status: { type: 'string', enum: [...SESSION_STATUSES] },
      mode: { type: 'string', enum: [...SESSION_MODES] },
      checkoutUrl: string({ description: 'The hosted payment page to send the buyer to.' }),
      address: string({ description: 'The fresh address the buyer pays to.' }),
      chainId: nullable(integer()),
      asset: ref('PaymentAssetView'),
      amount: ref('AtomicAmount'),
      amountReceived: ref('AtomicAmount'),
      fiat: ref('FiatMoney'),
      quote: nullable(
        closedObject({
          rate: closedObject({ numerator: integerString(), denominator: integerString() }),
          source: string(),
          quotedAt: string(),
        }),
      ),
      lineItems: arrayOf(
        closedObject({
          name: string(),
          description: nullable(string()),
          quantity: integer({ minimum: 1 }),
          unitAmount: decimalString(),
        }),
      ),
      donation: nullable(closedObject({ minimum: ref('MoneyView') })),
      payments: arrayOf(ref('SessionPayment')),
      customerAddress: nullable(string({ description: 'Who paid (the first counted payment\'s sender).' })),
      subscription: nullable(
        closedObject(
          { id: string(), period: integer({ minimum: 0, description: 'Which period of the subscription this session bills.' }) },
          { description: 'Set on the sessions a subscription issues, period after period.' },
        ),
      ),
      confirmationsRequired: integer({ minimum: 0 }),
      successUrl: nullable(string()),
      cancelUrl: nullable(string()),
      clientReferenceId: nullable(string()),
      customerEmail: nullable(string()),
      metadata: { type: 'object', additionalProperties: string() },
      sequence: integer({ minimum: 0, description: 'The per-session sequence of the last event applied.' }),
      livemode: boolean(),
      createdAt: dateTime(),
      expiresAt: dateTime(),
      paidAt: nullable(dateTime()),
      closedAt: nullable(dateTime()),
    },
    { description: 'A checkout session, native shape (seed 004).' },
  ),
  MoneyView: closedObject({ value: decimalString(), currency: string({ pattern: '^[A-Z]{3}$' }) }),
};
