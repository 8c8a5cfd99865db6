/**
 * Webhook verification for merchant servers: `@opencheckout/sdk/webhooks`.
 * Pass the raw body (not re-serialised JSON), the request headers and your
 * endpoint secret (`whsec_…`).
 */
export {
  verifyWebhook,
  WebhookVerificationError,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_EVENT_TYPE,
  type VerifyWebhookParameters,
  type VerifyWebhookReturnType,
  type WebhookEvent,
  type WebhookEventType,
  type WebhookHeaders,
  type WebhookVerificationFailure,
} from '@opencheckout/webhooks';
