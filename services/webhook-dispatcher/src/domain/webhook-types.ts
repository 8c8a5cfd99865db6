import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE } from '@opencheckout/webhooks';

/** Session facts merchants can subscribe to: DESIGN.md's list plus money arriving after close. */
export const SESSION_WEBHOOK_TYPES: readonly string[] = [...WEBHOOK_EVENT_TYPES, 'session.payment_received_after_close'];

/** Every type a test event may imitate. */
export const TESTABLE_WEBHOOK_TYPES: readonly string[] = [...SESSION_WEBHOOK_TYPES, WEBHOOK_TEST_EVENT_TYPE];

export function isSessionWebhookType(type: string): boolean {
  return SESSION_WEBHOOK_TYPES.includes(type);
}

/** Whether an endpoint's `enabledEvents` (`"*"` = all) takes this type. */
export function endpointSubscribes(enabledEvents: readonly string[], type: string): boolean {
  return enabledEvents.includes('*') || enabledEvents.includes(type);
}
