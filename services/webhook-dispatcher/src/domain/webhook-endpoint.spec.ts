import { describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import {
  MerchantWebhookEndpointCreatedSchema,
  MerchantWebhookEndpointSecretRotatedSchema,
  MerchantWebhookEndpointUpdatedSchema,
  WebhookEndpointDisabledSchema,
  WebhookEndpointStatus,
  encodeEventData,
} from '@opencheckout/contracts';
import { activeSecretCiphertexts, evolveEndpoint, type EndpointFact, type WebhookEndpointState } from './webhook-endpoint.js';

function fact(type: string, schema: Parameters<typeof create>[0], init: Record<string, unknown>, occurredAt: string): EndpointFact {
  return { type, data: encodeEventData(type, create(schema, init as never)) as Record<string, unknown>, occurredAt };
}

const ids = { merchantId: 'm1', endpointId: 'we_1', livemode: false };
const created = fact(
  'merchant.webhook_endpoint_created',
  MerchantWebhookEndpointCreatedSchema,
  { ...ids, url: 'https://a.example/hook', enabledEvents: ['session.paid'], secretCiphertext: 'ct1', createdAt: '2026-11-01T00:00:00.000Z' },
  '2026-11-01T00:00:00.000Z',
);

function fold(facts: EndpointFact[]): WebhookEndpointState | null {
  return facts.reduce<WebhookEndpointState | null>((row, f) => evolveEndpoint(row, f), null);
}

describe('evolveEndpoint', () => {
  it('keeps the previous secret signing until the rotation overlap ends', () => {
    const row = fold([
      created,
      fact(
        'merchant.webhook_endpoint_secret_rotated',
        MerchantWebhookEndpointSecretRotatedSchema,
        { ...ids, secretCiphertext: 'ct2', previousSecretExpiresAt: '2026-11-02T00:00:00.000Z' },
        '2026-11-01T12:00:00.000Z',
      ),
    ])!;
    expect(activeSecretCiphertexts(row, new Date('2026-11-01T23:59:59Z'))).toEqual(['ct2', 'ct1']);
    expect(activeSecretCiphertexts(row, new Date('2026-11-02T00:00:00Z'))).toEqual(['ct2']);
  });

  it('drops the previous secret at once when the rotation gives no overlap', () => {
    const row = fold([
      created,
      fact('merchant.webhook_endpoint_secret_rotated', MerchantWebhookEndpointSecretRotatedSchema, { ...ids, secretCiphertext: 'ct2' }, '2026-11-01T12:00:00.000Z'),
    ])!;
    expect(activeSecretCiphertexts(row, new Date('2026-11-01T12:00:01Z'))).toEqual(['ct2']);
  });

  it('is disabled by the dispatcher, re-enabled by the merchant, and deleted', () => {
    const disabled = fold([
      created,
      fact('webhook.endpoint_disabled', WebhookEndpointDisabledSchema, { ...ids, reason: '410', disabledAt: '2026-11-03T00:00:00.000Z' }, '2026-11-03T00:00:00.000Z'),
    ])!;
    expect(disabled).toMatchObject({ status: 'disabled', disabled_reason: '410', status_changed_at: '2026-11-03T00:00:00.000Z' });
    const enabled = evolveEndpoint(
      disabled,
      fact(
        'merchant.webhook_endpoint_updated',
        MerchantWebhookEndpointUpdatedSchema,
        { ...ids, url: 'https://b.example/hook', enabledEvents: ['*'], status: WebhookEndpointStatus.ENABLED },
        '2026-11-04T00:00:00.000Z',
      ),
    )!;
    expect(enabled).toMatchObject({ status: 'enabled', disabled_reason: null, status_changed_at: '2026-11-04T00:00:00.000Z', url: 'https://b.example/hook', enabled_events: ['*'] });
    expect(evolveEndpoint(enabled, { type: 'merchant.webhook_endpoint_deleted', data: { ...ids }, occurredAt: '2026-11-05T00:00:00.000Z' })).toBeNull();
  });
});
