import type { RowProjection } from '@opencheckout/messaging';
import { ENDPOINT_EVENT_TYPES, endpointIdOf, evolveEndpoint, type WebhookEndpointState } from '../../domain/webhook-endpoint.js';

export type WebhookEndpointRow = WebhookEndpointState & Record<string, unknown>;

/**
 * The merchants' webhook endpoints as the dispatcher needs them, with their
 * sealed secrets, plus the dispatcher's own disablements (so a rebuild from the
 * log lands on the same status). Spans two aggregates, so it reads `<prefix>.>`.
 */
export const webhookEndpointsProjection: RowProjection<WebhookEndpointRow> = {
  name: 'webhook_endpoints',
  table: 'webhook_endpoints',
  primaryKey: 'endpoint_id',
  columnsSql: [
    'endpoint_id text NOT NULL',
    'merchant_id text NOT NULL',
    'livemode boolean NOT NULL',
    'url text NOT NULL',
    'enabled_events jsonb NOT NULL',
    'status text NOT NULL',
    'disabled_reason text',
    'status_changed_at timestamptz NOT NULL',
    'secret_ciphertext text NOT NULL',
    'previous_secret_ciphertext text',
    'previous_secret_expires_at timestamptz',
    'created_at timestamptz NOT NULL',
    'updated_at timestamptz NOT NULL',
  ].join(', '),
  indexSql: (table, name) => [`CREATE INDEX IF NOT EXISTS "${name}_merchant_idx" ON ${table} (merchant_id, livemode, status)`],
  handles: [...ENDPOINT_EVENT_TYPES],
  key: (event) => endpointIdOf(event),
  evolve: (row, event) => evolveEndpoint(row, event) as WebhookEndpointRow | null,
};

export const dispatcherProjections = [webhookEndpointsProjection];
