import type { JsonValue } from '@bufbuild/protobuf';
import {
  MerchantWebhookEndpointCreatedSchema,
  MerchantWebhookEndpointDeletedSchema,
  MerchantWebhookEndpointSecretRotatedSchema,
  MerchantWebhookEndpointUpdatedSchema,
  WebhookEndpointDisabledSchema,
  WebhookEndpointStatus,
  decodeEventDataAs,
} from '@opencheckout/contracts';

/** The dispatcher's copy of an endpoint: where to send, what, and the sealed secrets to sign with. */
export interface WebhookEndpointState {
  endpoint_id: string;
  merchant_id: string;
  livemode: boolean;
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  /** When the status last changed: a failure run older than a re-enable does not count. */
  status_changed_at: string;
  secret_ciphertext: string;
  /** During a rotation the previous secret signs too, until `previous_secret_expires_at`. */
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export const ENDPOINT_EVENT_TYPES = [
  'merchant.webhook_endpoint_created',
  'merchant.webhook_endpoint_updated',
  'merchant.webhook_endpoint_deleted',
  'merchant.webhook_endpoint_secret_rotated',
  'webhook.endpoint_disabled',
] as const;

export interface EndpointFact {
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** The endpoint id a fact is about, or null. */
export function endpointIdOf(fact: EndpointFact): string | null {
  const id = fact.data.endpointId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Pure fold of merchant endpoint facts and the dispatcher's own disablements. `null` deletes. */
export function evolveEndpoint(row: WebhookEndpointState | null, fact: EndpointFact): WebhookEndpointState | null {
  const data = fact.data as JsonValue;
  switch (fact.type) {
    case 'merchant.webhook_endpoint_created': {
      const d = decodeEventDataAs(MerchantWebhookEndpointCreatedSchema, data);
      const at = d.createdAt || fact.occurredAt;
      return {
        endpoint_id: d.endpointId,
        merchant_id: d.merchantId,
        livemode: d.livemode,
        url: d.url,
        enabled_events: [...d.enabledEvents],
        status: 'enabled',
        disabled_reason: null,
        status_changed_at: at,
        secret_ciphertext: d.secretCiphertext,
        previous_secret_ciphertext: null,
        previous_secret_expires_at: null,
        created_at: at,
        updated_at: at,
      };
    }
    case 'merchant.webhook_endpoint_updated': {
      const d = decodeEventDataAs(MerchantWebhookEndpointUpdatedSchema, data);
      if (row === null) return null;
      const status = d.status === WebhookEndpointStatus.DISABLED ? 'disabled' : 'enabled';
      const changed = status !== row.status;
      return {
        ...row,
        url: d.url,
        enabled_events: [...d.enabledEvents],
        status,
        disabled_reason: status === 'enabled' ? null : changed ? 'Disabled by the merchant.' : row.disabled_reason,
        status_changed_at: changed ? fact.occurredAt : row.status_changed_at,
        updated_at: fact.occurredAt,
      };
    }
    case 'merchant.webhook_endpoint_deleted':
      decodeEventDataAs(MerchantWebhookEndpointDeletedSchema, data);
      return null;
    case 'merchant.webhook_endpoint_secret_rotated': {
      const d = decodeEventDataAs(MerchantWebhookEndpointSecretRotatedSchema, data);
      if (row === null) return null;
      const keepPrevious = d.previousSecretExpiresAt !== '';
      return {
        ...row,
        secret_ciphertext: d.secretCiphertext,
        previous_secret_ciphertext: keepPrevious ? row.secret_ciphertext : null,
        previous_secret_expires_at: keepPrevious ? d.previousSecretExpiresAt : null,
        updated_at: fact.occurredAt,
      };
    }
    case 'webhook.endpoint_disabled': {
      const d = decodeEventDataAs(WebhookEndpointDisabledSchema, data);
      if (row === null) return null;
      const at = d.disabledAt || fact.occurredAt;
      return { ...row, status: 'disabled', disabled_reason: d.reason, status_changed_at: at, updated_at: at };
    }
    default:
      return row;
  }
}

/** The ciphertexts that sign a delivery made at `now`: the current secret, and the previous one until it expires. */
export function activeSecretCiphertexts(endpoint: Pick<WebhookEndpointState, 'secret_ciphertext' | 'previous_secret_ciphertext' | 'previous_secret_expires_at'>, now: Date): string[] {
  const secrets = [endpoint.secret_ciphertext];
  if (
    endpoint.previous_secret_ciphertext !== null &&
    endpoint.previous_secret_expires_at !== null &&
    new Date(endpoint.previous_secret_expires_at).getTime() > now.getTime()
  ) {
    secrets.push(endpoint.previous_secret_ciphertext);
  }
  return secrets;
}
