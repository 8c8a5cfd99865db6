/**
 * The request-reply subjects between services, in one place. Each answers with
 * nest-kit's reply envelope around the named proto message (JSON form).
 */
export const RpcSubjects = {
  session: {
    /** CreateCheckoutSessionRequest → CheckoutSessionView */
    create: 'session.create',
    /** GetCheckoutSessionRequest → CheckoutSessionView (no context: the public hosted page) */
    get: 'session.get',
    /** ListCheckoutSessionsRequest → ListCheckoutSessionsResponse */
    list: 'session.list',
    /** ExpireCheckoutSessionRequest → CheckoutSessionView */
    expire: 'session.expire',
    /** ChooseDonationAmountRequest → CheckoutSessionView (public: the hosted page) */
    chooseDonationAmount: 'session.choose_donation_amount',
    /** CancelSubscriptionRequest → CancelSubscriptionResponse */
    cancelSubscription: 'session.subscriptions.cancel',
  },
  merchant: {
    /** CreateMerchantRequest → CreateMerchantResponse (operator only; answers the first test key) */
    create: 'merchant.create',
    /** GetMerchantSettingsRequest → GetMerchantSettingsResponse */
    getSettings: 'merchant.settings.get',
    /** UpdateMerchantSettingsRequest → UpdateMerchantSettingsResponse */
    updateSettings: 'merchant.settings.update',
    /** CreateApiKeyRequest → CreateApiKeyResponse */
    createApiKey: 'merchant.api_keys.create',
    /** ListApiKeysRequest → ListApiKeysResponse */
    listApiKeys: 'merchant.api_keys.list',
    /** ApiKeyUsed, published without a reply (the gateway's last-used notice) */
    apiKeyUsed: 'merchant.api_keys.used',
    /** RevokeApiKeyRequest → RevokeApiKeyResponse */
    revokeApiKey: 'merchant.api_keys.revoke',
    /** Create/Get/List/Update/Delete/RotateWebhookEndpoint…Request → …Response */
    createWebhookEndpoint: 'merchant.webhook_endpoints.create',
    getWebhookEndpoint: 'merchant.webhook_endpoints.get',
    listWebhookEndpoints: 'merchant.webhook_endpoints.list',
    updateWebhookEndpoint: 'merchant.webhook_endpoints.update',
    deleteWebhookEndpoint: 'merchant.webhook_endpoints.delete',
    rotateWebhookEndpointSecret: 'merchant.webhook_endpoints.rotate_secret',
    /** AddWalletRequest → AddWalletResponse, ListWalletsRequest → …, RemoveWalletRequest → … */
    addWallet: 'merchant.wallets.add',
    listWallets: 'merchant.wallets.list',
    removeWallet: 'merchant.wallets.remove',
    /** ListEventsRequest → ListEventsResponse */
    listEvents: 'merchant.events.list',
    /** AnalyticsOverviewRequest → AnalyticsOverviewResponse */
    analyticsOverview: 'merchant.analytics.overview',
    /** ExportSessionsRequest → ExportSessionsResponse */
    exportSessions: 'merchant.sessions.export',
  },
  webhooks: {
    /** TestWebhookEndpointRequest → TestWebhookEndpointResponse */
    sendTest: 'webhooks.endpoints.test',
    /** ListWebhookDeliveriesRequest → ListWebhookDeliveriesResponse */
    listDeliveries: 'webhooks.deliveries.list',
    /** RetryWebhookDeliveryRequest → RetryWebhookDeliveryResponse */
    retryDelivery: 'webhooks.deliveries.retry',
    /** ReplayWebhookEventsRequest → ReplayWebhookEventsResponse */
    replay: 'webhooks.endpoints.replay',
  },
} as const;

/** The subject a service answers to say it is up (`{ ok: true }`). */
export function healthSubject(service: string): string {
  return `health.${service}`;
}
