import { create } from '@bufbuild/protobuf';
import {
  ChainSettingsSchema,
  MerchantSettingsSchema,
  WebhookEndpointStatus,
  type MerchantSettings,
  type WalletSource,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';

export interface ApiKeyState {
  keyId: string;
  name: string;
  livemode: boolean;
  keyPrefix: string;
  last4: string;
  scopes: string[];
  /** Empty: never expires. */
  expiresAt: string;
  createdAt: string;
  /** Empty: active. */
  revokedAt: string;
}

export interface WebhookEndpointState {
  endpointId: string;
  url: string;
  description: string;
  enabledEvents: string[];
  livemode: boolean;
  status: WebhookEndpointStatus;
  disabledReason: string;
  createdAt: string;
  updatedAt: string;
  /** Until then the previous secret still signs; empty when no overlap is running. */
  previousSecretExpiresAt: string;
}

export interface WalletState {
  walletId: string;
  chainFamily: string;
  xpub: string;
  livemode: boolean;
  source: WalletSource;
  label: string;
  createdAt: string;
}

/** The Merchant aggregate's state, folded from its stream (stream id = merchant id). */
export interface Merchant {
  merchantId: string;
  name: string;
  email: string;
  settings: MerchantSettings;
  createdAt: string;
  /** Insertion order is kept: lists answer oldest first unless told otherwise. */
  apiKeys: Map<string, ApiKeyState>;
  webhookEndpoints: Map<string, WebhookEndpointState>;
  wallets: Map<string, WalletState>;
}

export const MAX_ACTIVE_API_KEYS = 50;
export const DEFAULT_MAX_WEBHOOK_ENDPOINTS = 5;
export const MAX_WALLETS_PER_MODE = 20;

const DAY = 24 * 3600;
export const SETTINGS_BOUNDS = {
  sessionExpirySeconds: { min: 60, max: 7 * DAY },
  confirmationsRequired: { min: 1, max: 100 },
  lateGraceSeconds: { min: 0, max: 7 * DAY },
  maxWebhookEndpoints: { min: 1, max: 50 },
} as const;

export function defaultSettings(displayName: string): MerchantSettings {
  return create(MerchantSettingsSchema, {
    displayName,
    defaultCurrency: 'usd',
    sessionExpirySeconds: DAY,
    confirmationsRequired: 3,
    lateGraceSeconds: 600,
    maxWebhookEndpoints: DEFAULT_MAX_WEBHOOK_ENDPOINTS,
    chains: [],
    defaultAssetCode: '',
    defaultChainId: 0,
  });
}

/**
 * A settings update over the current settings: a field left at its zero value
 * keeps the current value (proto3 cannot tell "unset" from zero), except the
 * per-chain list, which replaces the current one when given.
 */
export function mergeSettings(current: MerchantSettings, patch: MerchantSettings): MerchantSettings {
  return create(MerchantSettingsSchema, {
    displayName: patch.displayName || current.displayName,
    defaultCurrency: (patch.defaultCurrency || current.defaultCurrency).toLowerCase(),
    sessionExpirySeconds: patch.sessionExpirySeconds || current.sessionExpirySeconds,
    confirmationsRequired: patch.confirmationsRequired || current.confirmationsRequired,
    lateGraceSeconds: patch.lateGraceSeconds || current.lateGraceSeconds,
    maxWebhookEndpoints: patch.maxWebhookEndpoints || current.maxWebhookEndpoints,
    chains: (patch.chains.length > 0 ? patch.chains : current.chains).map((chain) =>
      create(ChainSettingsSchema, { chainId: chain.chainId, confirmationsRequired: chain.confirmationsRequired }),
    ),
    defaultAssetCode: (patch.defaultAssetCode || current.defaultAssetCode).toUpperCase(),
    defaultChainId: patch.defaultChainId || current.defaultChainId,
  });
}

function inRange(value: number, bounds: { min: number; max: number }, param: string): void {
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ValidationError(`${param} must be an integer from ${bounds.min} to ${bounds.max}.`, {
      param: `settings[${param}]`,
      code: 'setting_out_of_range',
    });
  }
}

export function assertValidSettings(settings: MerchantSettings): void {
  inRange(settings.sessionExpirySeconds, SETTINGS_BOUNDS.sessionExpirySeconds, 'session_expiry_seconds');
  inRange(settings.confirmationsRequired, SETTINGS_BOUNDS.confirmationsRequired, 'confirmations_required');
  inRange(settings.lateGraceSeconds, SETTINGS_BOUNDS.lateGraceSeconds, 'late_grace_seconds');
  inRange(settings.maxWebhookEndpoints, SETTINGS_BOUNDS.maxWebhookEndpoints, 'max_webhook_endpoints');
  if (settings.displayName.length > 100) {
    throw new ValidationError('display_name must be at most 100 characters.', { param: 'settings[display_name]' });
  }
  if (!/^[a-z]{3}$/.test(settings.defaultCurrency)) {
    throw new ValidationError('default_currency must be an ISO-4217 code.', { param: 'settings[default_currency]' });
  }
  if (settings.defaultAssetCode !== '' && !/^[A-Z0-9.]{1,16}$/.test(settings.defaultAssetCode)) {
    throw new ValidationError('default_asset_code must be an asset code such as USDC.', {
      param: 'settings[default_asset_code]',
    });
  }
  const seen = new Set<number>();
  settings.chains.forEach((chain, index) => {
    if (chain.chainId <= 0 || seen.has(chain.chainId)) {
      throw new ValidationError('Each chain override needs a distinct chain id.', { param: `settings[chains][${index}][chain_id]` });
    }
    seen.add(chain.chainId);
    inRange(chain.confirmationsRequired, SETTINGS_BOUNDS.confirmationsRequired, `chains][${index}][confirmations_required`);
  });
}

export function isActiveKey(key: ApiKeyState, nowMs: number): boolean {
  return key.revokedAt === '' && (key.expiresAt === '' || Date.parse(key.expiresAt) > nowMs);
}

export function isEnabled(endpoint: WebhookEndpointState): boolean {
  return endpoint.status !== WebhookEndpointStatus.DISABLED;
}
