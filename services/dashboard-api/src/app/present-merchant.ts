import { create } from '@bufbuild/protobuf';
import {
  ApiKeyViewSchema,
  MerchantViewSchema,
  WalletViewSchema,
  WebhookEndpointViewSchema,
  type ApiKeyView,
  type MerchantView,
  type WalletView,
  type WebhookEndpointView,
} from '@opencheckout/contracts';
import type { ApiKeyState, Merchant, WalletState, WebhookEndpointState } from '../domain/merchant.js';

export function merchantView(merchant: Merchant): MerchantView {
  return create(MerchantViewSchema, {
    merchantId: merchant.merchantId,
    name: merchant.name,
    email: merchant.email,
    settings: merchant.settings,
    createdAt: merchant.createdAt,
  });
}

/** Never the key: prefix and last four only. */
export function apiKeyView(key: ApiKeyState): ApiKeyView {
  return create(ApiKeyViewSchema, {
    keyId: key.keyId,
    name: key.name,
    livemode: key.livemode,
    keyPrefix: key.keyPrefix,
    last4: key.last4,
    scopes: key.scopes,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  });
}

export function webhookEndpointView(endpoint: WebhookEndpointState, now: Date): WebhookEndpointView {
  const overlap = endpoint.previousSecretExpiresAt;
  return create(WebhookEndpointViewSchema, {
    endpointId: endpoint.endpointId,
    url: endpoint.url,
    description: endpoint.description,
    enabledEvents: endpoint.enabledEvents,
    status: endpoint.status,
    livemode: endpoint.livemode,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    disabledReason: endpoint.disabledReason,
    // A finished overlap is no longer news.
    previousSecretExpiresAt: overlap !== '' && Date.parse(overlap) > now.getTime() ? overlap : '',
  });
}

export function walletView(wallet: WalletState): WalletView {
  return create(WalletViewSchema, {
    walletId: wallet.walletId,
    chainFamily: wallet.chainFamily,
    xpub: wallet.xpub,
    livemode: wallet.livemode,
    source: wallet.source,
    label: wallet.label,
    createdAt: wallet.createdAt,
  });
}
