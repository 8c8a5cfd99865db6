import { describe, it, expect } from '@jest/globals';
import { ValidationError } from '@opencheckout/errors';
import {
  allEventTypes,
  buildEventRegistry,
  eventSchemaFor,
  eventSchemaVersionFor,
  eventTypeOf,
  generatedFiles,
  isEventType,
  PaymentConfirmedSchema,
  SessionCreatedSchema,
  SessionPaidSchema,
  SessionCreated,
  WebhookEndpointDisabledSchema,
  MerchantWalletAddedSchema,
  EventEnvelopeSchema,
} from './index.js';

const expectedTypes = [
  'merchant.api_key_created',
  'merchant.api_key_revoked',
  'merchant.created',
  'merchant.settings_updated',
  'merchant.wallet_added',
  'merchant.wallet_removed',
  'merchant.webhook_endpoint_created',
  'merchant.webhook_endpoint_deleted',
  'merchant.webhook_endpoint_secret_rotated',
  'merchant.webhook_endpoint_updated',
  'payment.confirmed',
  'payment.detected',
  'payment.reverted',
  'session.amount_chosen',
  'session.canceled',
  'session.created',
  'session.detected',
  'session.expired',
  'session.overpaid',
  'session.paid',
  'session.paid_late',
  'session.payment_confirmed',
  'session.payment_received_after_close',
  'session.reverted',
  'session.subscription_canceled',
  'session.subscription_renewed',
  'session.underpaid',
  'webhook.delivery_failed',
  'webhook.delivery_succeeded',
  'webhook.endpoint_disabled',
];

describe('event registry', () => {
  it('registers exactly the event types declared by the event_type option', () => {
    expect(allEventTypes()).toEqual(expectedTypes);
  });

  it('maps types to their generated schemas and back', () => {
    expect(eventSchemaFor('session.paid')).toBe(SessionPaidSchema);
    expect(eventSchemaFor('payment.confirmed')).toBe(PaymentConfirmedSchema);
    expect(eventSchemaFor('webhook.endpoint_disabled')).toBe(WebhookEndpointDisabledSchema);
    expect(eventTypeOf(MerchantWalletAddedSchema)).toBe('merchant.wallet_added');
    for (const type of allEventTypes()) expect(eventTypeOf(eventSchemaFor(type))).toBe(type);
  });

  it('defaults the schema version to 1', () => {
    expect(eventSchemaVersionFor('session.created')).toBe(1);
  });

  it('rejects unknown types and non-event messages with a typed error', () => {
    expect(isEventType('session.exploded')).toBe(false);
    expect(() => eventSchemaFor('session.exploded')).toThrow(ValidationError);
    try {
      eventSchemaFor('session.exploded');
    } catch (error) {
      expect((error as ValidationError).code).toBe('event_type_unknown');
    }
    expect(() => eventTypeOf(EventEnvelopeSchema)).toThrow(ValidationError);
  });

  it('names every event type <aggregate>.<past_tense_fact> for subjects events.<aggregate>.<fact>', () => {
    for (const type of allEventTypes()) expect(type).toMatch(/^(session|payment|merchant|webhook)\.[a-z_]+$/);
  });

  it('gives every session event a sequence number', () => {
    for (const type of allEventTypes().filter((t) => t.startsWith('session.'))) {
      const sequence = eventSchemaFor(type).fields.find((field) => field.name === 'sequence');
      expect(sequence?.fieldKind).toBe('scalar');
    }
  });

  it('never declares a float field anywhere (money is integers as strings)', () => {
    for (const file of generatedFiles) {
      for (const message of file.messages) {
        for (const field of message.fields) {
          if (field.fieldKind === 'scalar') expect([1, 2]).not.toContain(field.scalar); // DOUBLE, FLOAT
        }
      }
    }
  });

  it('refuses two messages declaring the same type', () => {
    const duplicate = { ...SessionCreatedSchema.file, messages: [SessionCreatedSchema, SessionCreatedSchema] };
    expect(() => buildEventRegistry([duplicate])).toThrow(/declared by both/);
  });

  it('exposes the generated types for compile-time use', () => {
    const typed: Pick<SessionCreated, 'sessionId'> = { sessionId: 'cs_1' };
    expect(typed.sessionId).toBe('cs_1');
  });
});
