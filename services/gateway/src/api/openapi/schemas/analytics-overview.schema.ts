import { arrayOf, closedObject, constant, dateTime, decimalString, integer, integerString, number, string, type JsonSchema } from '../json-schema.js';

const money = arrayOf(
  closedObject({ currency: string({ pattern: '^[A-Z]{3}$' }), amountMinor: integerString(), amount: decimalString() }),
  { description: 'One entry per fiat currency.' },
);

/** Mirrors the overview presenter in merchant/insights.controller.ts. */
export const analyticsOverviewSchemas: Record<string, JsonSchema> = {
  AnalyticsOverview: closedObject({
    object: constant('analytics_overview'),
    from: dateTime(),
    to: dateTime(),
    sessionsCount: integer({ minimum: 0 }),
    paymentsCount: integer({ minimum: 0 }),
    sessionsPaid: integer({ minimum: 0 }),
    sessionsExpired: integer({ minimum: 0 }),
    sessionsUnderpaid: integer({ minimum: 0 }),
    conversionRate: number({ minimum: 0, maximum: 1, description: 'Paid sessions over created sessions (a ratio, not money).' }),
    revenue: money,
    averagePayment: money,
    volumeByAsset: arrayOf(closedObject({ chainId: integer(), asset: string(), amountAtomic: integerString() })),
    daily: arrayOf(
      closedObject({ date: string({ format: 'date' }), sessionsCreated: integer({ minimum: 0 }), count: integer({ minimum: 0 }), revenue: money }),
    ),
  }),
};
