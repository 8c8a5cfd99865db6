import { create } from '@bufbuild/protobuf';
import {
  MerchantApiKeyCreatedSchema,
  MerchantApiKeyRevokedSchema,
  MerchantCreatedSchema,
  MerchantSettingsUpdatedSchema,
  MerchantWalletAddedSchema,
  MerchantWalletRemovedSchema,
  MerchantWebhookEndpointCreatedSchema,
  MerchantWebhookEndpointDeletedSchema,
  MerchantWebhookEndpointSecretRotatedSchema,
  MerchantWebhookEndpointUpdatedSchema,
  WebhookEndpointStatus,
  type MerchantApiKeyCreated,
  type MerchantApiKeyRevoked,
  type MerchantCreated,
  type MerchantSettings,
  type MerchantSettingsUpdated,
  type MerchantWalletAdded,
  type MerchantWalletRemoved,
  type MerchantWebhookEndpointCreated,
  type MerchantWebhookEndpointDeleted,
  type MerchantWebhookEndpointSecretRotated,
  type MerchantWebhookEndpointUpdated,
  type WalletSource,
} from '@opencheckout/contracts';
import { NotFoundError, StateConflictError, ValidationError } from '@opencheckout/errors';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE } from '@opencheckout/webhooks';
import {
  MAX_ACTIVE_API_KEYS,
  MAX_WALLETS_PER_MODE,
  assertValidSettings,
  isActiveKey,
  mergeSettings,
  type Merchant,
  type WebhookEndpointState,
} from './merchant.js';

export type MerchantEvent =
  | { type: 'merchant.created'; data: MerchantCreated }
  | { type: 'merchant.settings_updated'; data: MerchantSettingsUpdated }
  | { type: 'merchant.api_key_created'; data: MerchantApiKeyCreated }
  | { type: 'merchant.api_key_revoked'; data: MerchantApiKeyRevoked }
  | { type: 'merchant.webhook_endpoint_created'; data: MerchantWebhookEndpointCreated }
  | { type: 'merchant.webhook_endpoint_updated'; data: MerchantWebhookEndpointUpdated }
  | { type: 'merchant.webhook_endpoint_deleted'; data: MerchantWebhookEndpointDeleted }
  | { type: 'merchant.webhook_endpoint_secret_rotated'; data: MerchantWebhookEndpointSecretRotated }
  | { type: 'merchant.wallet_added'; data: MerchantWalletAdded }
  | { type: 'merchant.wallet_removed'; data: MerchantWalletRemoved };

export const MERCHANT_EVENT_TYPES: MerchantEvent['type'][] = [
  'merchant.created',
  'merchant.settings_updated',
  'merchant.api_key_created',
  'merchant.api_key_revoked',
  'merchant.webhook_endpoint_created',
  'merchant.webhook_endpoint_updated',
  'merchant.webhook_endpoint_deleted',
  'merchant.webhook_endpoint_secret_rotated',
  'merchant.wallet_added',
  'merchant.wallet_removed',
];

/**
 * Commands carry everything that is random or secret already reduced to what
 * may be stored: key hashes, secret ciphertexts, ids, and the time (`at`,
 * RFC 3339). The decider never sees a key, a webhook secret or a mnemonic.
 */
export type MerchantCommand =
  | { kind: 'create_merchant'; merchantId: string; name: string; email: string; settings: MerchantSettings; at: string }
  | { kind: 'update_settings'; settings: MerchantSettings; at: string }
  | {
      kind: 'create_api_key';
      keyId: string;
      name: string;
      livemode: boolean;
      keyHash: string;
      keyPrefix: string;
      last4: string;
      scopes: string[];
      expiresAt: string;
      at: string;
    }
  | { kind: 'revoke_api_key'; keyId: string; livemode: boolean; at: string }
  | {
      kind: 'create_webhook_endpoint';
      endpointId: string;
      url: string;
      description: string;
      enabledEvents: string[];
      livemode: boolean;
      secretCiphertext: string;
      at: string;
    }
  | {
      kind: 'update_webhook_endpoint';
      endpointId: string;
      livemode: boolean;
      url?: string;
      description?: string;
      enabledEvents?: string[];
      disabled?: boolean;
      disabledReason?: string;
      at: string;
    }
  | { kind: 'delete_webhook_endpoint'; endpointId: string; livemode: boolean; at: string }
  | {
      kind: 'rotate_webhook_secret';
      endpointId: string;
      livemode: boolean;
      secretCiphertext: string;
      overlapSeconds: number;
      at: string;
    }
  | {
      kind: 'add_wallet';
      walletId: string;
      chainFamily: string;
      xpub: string;
      livemode: boolean;
      source: WalletSource;
      label: string;
      at: string;
    }
  | { kind: 'remove_wallet'; walletId: string; livemode: boolean; at: string };

export const MAX_URL_LENGTH = 2048;
export const MAX_ROTATION_OVERLAP_SECONDS = 7 * 24 * 3600;
const SUBSCRIBABLE = new Set<string>([...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE]);

function text(value: string, param: string, max: number, required = false): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw new ValidationError(`${param} is required.`, { param, code: 'parameter_missing' });
  if (trimmed.length > max) throw new ValidationError(`${param} must be at most ${max} characters.`, { param });
  return trimmed;
}

export function validWebhookUrl(value: string): string {
  const url = value.trim();
  if (url === '') throw new ValidationError('url is required.', { param: 'url', code: 'parameter_missing' });
  if (url.length > MAX_URL_LENGTH) {
    throw new ValidationError(`url must be at most ${MAX_URL_LENGTH} characters.`, { param: 'url', code: 'url_invalid' });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('url is not a valid URL.', { param: 'url', code: 'url_invalid' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError('url must use http or https.', { param: 'url', code: 'url_invalid' });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ValidationError('url must not carry credentials.', { param: 'url', code: 'url_invalid' });
  }
  return url;
}

/** The subscribed types: known webhook types (the test type included) or "*" alone; no duplicates. */
export function enabledEventTypes(types: readonly string[]): string[] {
  if (types.length === 0) {
    throw new ValidationError('enabled_events needs at least one event type (or "*").', {
      param: 'enabled_events',
      code: 'parameter_missing',
    });
  }
  const out: string[] = [];
  types.forEach((type, index) => {
    const value = type.trim();
    if (value === '*') {
      if (types.length > 1) throw new ValidationError('"*" cannot be combined with other types.', { param: 'enabled_events' });
    } else if (!SUBSCRIBABLE.has(value)) {
      throw new ValidationError(`Unknown event type '${value.slice(0, 64)}'.`, {
        param: `enabled_events[${index}]`,
        code: 'event_type_invalid',
      });
    }
    if (!out.includes(value)) out.push(value);
  });
  return out;
}

function requireMerchant(state: Merchant | null): Merchant {
  if (state === null) throw new NotFoundError('merchant');
  return state;
}

/** An object of another mode is as missing as another merchant's. */
function endpointOf(state: Merchant, endpointId: string, livemode: boolean): WebhookEndpointState {
  const endpoint = state.webhookEndpoints.get(endpointId);
  if (endpoint === undefined || endpoint.livemode !== livemode) throw new NotFoundError('webhook endpoint', endpointId);
  return endpoint;
}

function plusSeconds(at: string, seconds: number): string {
  return new Date(Date.parse(at) + seconds * 1000).toISOString();
}

export function decide(command: MerchantCommand, state: Merchant | null): MerchantEvent[] {
  if (command.kind === 'create_merchant') {
    if (state !== null) throw new StateConflictError('The merchant exists already.', { code: 'merchant_exists' });
    const name = text(command.name, 'name', 100, true);
    const email = text(command.email, 'email', 254);
    if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new ValidationError('email is not a valid address.', { param: 'email', code: 'email_invalid' });
    }
    assertValidSettings(command.settings);
    return [
      {
        type: 'merchant.created',
        data: create(MerchantCreatedSchema, {
          merchantId: command.merchantId,
          name,
          email,
          settings: command.settings,
          createdAt: command.at,
        }),
      },
    ];
  }
  const merchant = requireMerchant(state);
  const merchantId = merchant.merchantId;
  switch (command.kind) {
    case 'update_settings': {
      const settings = mergeSettings(merchant.settings, command.settings);
      assertValidSettings(settings);
      return [{ type: 'merchant.settings_updated', data: create(MerchantSettingsUpdatedSchema, { merchantId, settings }) }];
    }
    case 'create_api_key': {
      const name = text(command.name, 'name', 100);
      const nowMs = Date.parse(command.at);
      if (command.expiresAt !== '' && !(Date.parse(command.expiresAt) > nowMs)) {
        throw new ValidationError('expires_at must be a time in the future.', { param: 'expires_at', code: 'expires_at_invalid' });
      }
      const active = [...merchant.apiKeys.values()].filter((key) => isActiveKey(key, nowMs)).length;
      if (active >= MAX_ACTIVE_API_KEYS) {
        throw new ValidationError(`A merchant can have at most ${MAX_ACTIVE_API_KEYS} active API keys; revoke one first.`, {
          code: 'api_key_limit_reached',
        });
      }
      return [
        {
          type: 'merchant.api_key_created',
          data: create(MerchantApiKeyCreatedSchema, {
            merchantId,
            keyId: command.keyId,
            name,
            livemode: command.livemode,
            keyHash: command.keyHash,
            keyPrefix: command.keyPrefix,
            last4: command.last4,
            scopes: command.scopes,
            expiresAt: command.expiresAt,
            createdAt: command.at,
          }),
        },
      ];
    }
    case 'revoke_api_key': {
      const key = merchant.apiKeys.get(command.keyId);
      if (key === undefined || key.livemode !== command.livemode) throw new NotFoundError('API key', command.keyId);
      // Revoking twice changes nothing and says so by appending nothing.
      if (key.revokedAt !== '') return [];
      return [
        {
          type: 'merchant.api_key_revoked',
          data: create(MerchantApiKeyRevokedSchema, {
            merchantId,
            keyId: key.keyId,
            livemode: key.livemode,
            revokedAt: command.at,
          }),
        },
      ];
    }
    case 'create_webhook_endpoint': {
      const url = validWebhookUrl(command.url);
      const description = text(command.description, 'description', 500);
      const enabledEvents = enabledEventTypes(command.enabledEvents);
      const limit = merchant.settings.maxWebhookEndpoints;
      const existing = [...merchant.webhookEndpoints.values()].filter((e) => e.livemode === command.livemode).length;
      if (existing >= limit) {
        throw new ValidationError(`A merchant can have at most ${limit} webhook endpoints per mode; delete one first.`, {
          code: 'webhook_endpoint_limit_reached',
        });
      }
      return [
        {
          type: 'merchant.webhook_endpoint_created',
          data: create(MerchantWebhookEndpointCreatedSchema, {
            merchantId,
            endpointId: command.endpointId,
            url,
            description,
            enabledEvents,
            livemode: command.livemode,
            secretCiphertext: command.secretCiphertext,
            createdAt: command.at,
          }),
        },
      ];
    }
    case 'update_webhook_endpoint': {
      const endpoint = endpointOf(merchant, command.endpointId, command.livemode);
      const url = command.url === undefined ? endpoint.url : validWebhookUrl(command.url);
      const description = command.description === undefined ? endpoint.description : text(command.description, 'description', 500);
      const enabledEvents = command.enabledEvents === undefined ? endpoint.enabledEvents : enabledEventTypes(command.enabledEvents);
      const status =
        command.disabled === undefined
          ? endpoint.status
          : command.disabled
            ? WebhookEndpointStatus.DISABLED
            : WebhookEndpointStatus.ENABLED;
      const disabledReason = status === WebhookEndpointStatus.DISABLED ? (command.disabledReason ?? endpoint.disabledReason) : '';
      const unchanged =
        url === endpoint.url &&
        description === endpoint.description &&
        status === endpoint.status &&
        disabledReason === endpoint.disabledReason &&
        enabledEvents.length === endpoint.enabledEvents.length &&
        enabledEvents.every((type, i) => type === endpoint.enabledEvents[i]);
      if (unchanged) return [];
      return [
        {
          type: 'merchant.webhook_endpoint_updated',
          data: create(MerchantWebhookEndpointUpdatedSchema, {
            merchantId,
            endpointId: endpoint.endpointId,
            url,
            description,
            enabledEvents,
            livemode: endpoint.livemode,
            status,
            disabledReason,
          }),
        },
      ];
    }
    case 'delete_webhook_endpoint': {
      const endpoint = endpointOf(merchant, command.endpointId, command.livemode);
      return [
        {
          type: 'merchant.webhook_endpoint_deleted',
          data: create(MerchantWebhookEndpointDeletedSchema, {
            merchantId,
            endpointId: endpoint.endpointId,
            livemode: endpoint.livemode,
          }),
        },
      ];
    }
    case 'rotate_webhook_secret': {
      const endpoint = endpointOf(merchant, command.endpointId, command.livemode);
      const overlap = command.overlapSeconds;
      if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_ROTATION_OVERLAP_SECONDS) {
        throw new ValidationError(`The overlap must be from 0 to ${MAX_ROTATION_OVERLAP_SECONDS} seconds.`, {
          param: 'expire_previous_in_seconds',
          code: 'overlap_out_of_range',
        });
      }
      return [
        {
          type: 'merchant.webhook_endpoint_secret_rotated',
          data: create(MerchantWebhookEndpointSecretRotatedSchema, {
            merchantId,
            endpointId: endpoint.endpointId,
            livemode: endpoint.livemode,
            secretCiphertext: command.secretCiphertext,
            previousSecretExpiresAt: overlap === 0 ? '' : plusSeconds(command.at, overlap),
          }),
        },
      ];
    }
    case 'add_wallet': {
      if (command.chainFamily !== 'evm') {
        throw new ValidationError('chain_family must be "evm".', { param: 'chain_family', code: 'chain_family_invalid' });
      }
      const label = text(command.label, 'label', 100);
      const sameMode = [...merchant.wallets.values()].filter((w) => w.livemode === command.livemode);
      if (sameMode.some((wallet) => wallet.xpub === command.xpub && wallet.chainFamily === command.chainFamily)) {
        throw new StateConflictError('This extended public key is already a wallet of this merchant.', {
          param: 'xpub',
          code: 'wallet_exists',
        });
      }
      if (sameMode.length >= MAX_WALLETS_PER_MODE) {
        throw new ValidationError(`A merchant can have at most ${MAX_WALLETS_PER_MODE} wallets per mode.`, {
          code: 'wallet_limit_reached',
        });
      }
      return [
        {
          type: 'merchant.wallet_added',
          data: create(MerchantWalletAddedSchema, {
            merchantId,
            walletId: command.walletId,
            chainFamily: command.chainFamily,
            xpub: command.xpub,
            livemode: command.livemode,
            source: command.source,
            label,
            createdAt: command.at,
          }),
        },
      ];
    }
    case 'remove_wallet': {
      const wallet = merchant.wallets.get(command.walletId);
      if (wallet === undefined || wallet.livemode !== command.livemode) throw new NotFoundError('wallet', command.walletId);
      return [
        {
          type: 'merchant.wallet_removed',
          data: create(MerchantWalletRemovedSchema, { merchantId, walletId: wallet.walletId, livemode: wallet.livemode }),
        },
      ];
    }
  }
}

/** Folds one event; `occurredAt` (the event's recorded time) dates changes whose events carry no time. */
export function evolve(state: Merchant | null, event: MerchantEvent, occurredAt = ''): Merchant {
  if (event.type === 'merchant.created') {
    const data = event.data;
    return {
      merchantId: data.merchantId,
      name: data.name,
      email: data.email,
      settings: data.settings!,
      createdAt: data.createdAt,
      apiKeys: new Map(),
      webhookEndpoints: new Map(),
      wallets: new Map(),
    };
  }
  if (state === null) throw new NotFoundError('merchant');
  const next: Merchant = {
    ...state,
    apiKeys: new Map(state.apiKeys),
    webhookEndpoints: new Map(state.webhookEndpoints),
    wallets: new Map(state.wallets),
  };
  switch (event.type) {
    case 'merchant.settings_updated':
      next.settings = event.data.settings!;
      break;
    case 'merchant.api_key_created': {
      const d = event.data;
      next.apiKeys.set(d.keyId, {
        keyId: d.keyId,
        name: d.name,
        livemode: d.livemode,
        keyPrefix: d.keyPrefix,
        last4: d.last4,
        scopes: [...d.scopes],
        expiresAt: d.expiresAt,
        createdAt: d.createdAt,
        revokedAt: '',
      });
      break;
    }
    case 'merchant.api_key_revoked': {
      const key = next.apiKeys.get(event.data.keyId);
      if (key) next.apiKeys.set(key.keyId, { ...key, revokedAt: event.data.revokedAt });
      break;
    }
    case 'merchant.webhook_endpoint_created': {
      const d = event.data;
      next.webhookEndpoints.set(d.endpointId, {
        endpointId: d.endpointId,
        url: d.url,
        description: d.description,
        enabledEvents: [...d.enabledEvents],
        livemode: d.livemode,
        status: WebhookEndpointStatus.ENABLED,
        disabledReason: '',
        createdAt: d.createdAt,
        updatedAt: d.createdAt,
        previousSecretExpiresAt: '',
      });
      break;
    }
    case 'merchant.webhook_endpoint_updated': {
      const d = event.data;
      const endpoint = next.webhookEndpoints.get(d.endpointId);
      if (endpoint) {
        next.webhookEndpoints.set(d.endpointId, {
          ...endpoint,
          url: d.url,
          description: d.description,
          enabledEvents: [...d.enabledEvents],
          status: d.status,
          disabledReason: d.disabledReason,
          updatedAt: occurredAt || endpoint.updatedAt,
        });
      }
      break;
    }
    case 'merchant.webhook_endpoint_deleted':
      next.webhookEndpoints.delete(event.data.endpointId);
      break;
    case 'merchant.webhook_endpoint_secret_rotated': {
      const endpoint = next.webhookEndpoints.get(event.data.endpointId);
      if (endpoint) {
        next.webhookEndpoints.set(endpoint.endpointId, {
          ...endpoint,
          previousSecretExpiresAt: event.data.previousSecretExpiresAt,
          updatedAt: occurredAt || endpoint.updatedAt,
        });
      }
      break;
    }
    case 'merchant.wallet_added': {
      const d = event.data;
      next.wallets.set(d.walletId, {
        walletId: d.walletId,
        chainFamily: d.chainFamily,
        xpub: d.xpub,
        livemode: d.livemode,
        source: d.source,
        label: d.label,
        createdAt: d.createdAt,
      });
      break;
    }
    case 'merchant.wallet_removed':
      next.wallets.delete(event.data.walletId);
      break;
  }
  return next;
}
