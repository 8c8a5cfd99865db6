import { canonicalJson } from './canonical-json.js';

/** Every event type a merchant can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'session.created',
  'session.detected',
  'session.paid',
  'session.underpaid',
  'session.overpaid',
  'session.paid_late',
  'session.expired',
  'session.canceled',
  'session.reverted',
] as const;

/** The type of the event sent by "send test event"; delivered to an endpoint whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | typeof WEBHOOK_TEST_EVENT_TYPE;

/** The envelope merchants receive (and the SDK's verifier returns). */
export interface WebhookEvent<T = unknown> {
  id: string;
  object: 'event';
  type: string;
  apiVersion: string;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  /** Per-session order of events, so a receiver can drop a stale one that arrives late. */
  sequence: number;
  data: { object: T };
}

export interface BuildWebhookEventParameters<T> {
  id: string;
  type: string;
  apiVersion: string;
  /** Unix seconds, or a Date (truncated to seconds). */
  created: number | Date;
  livemode: boolean;
  sequence: number;
  object: T;
}

export interface BuildWebhookEventReturnType<T> {
  event: WebhookEvent<T>;
  /** The raw body that is signed and sent, byte-stable (see canonicalJson). */
  body: string;
}

/** Builds the envelope and its canonical JSON body. */
export function buildWebhookEvent<T>(parameters: BuildWebhookEventParameters<T>): BuildWebhookEventReturnType<T> {
  const { id, type, apiVersion, livemode, sequence, object } = parameters;
  if (!id.startsWith('evt_')) throw new TypeError("event id must start with 'evt_'");
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new TypeError('sequence must be a non-negative integer');
  const created =
    parameters.created instanceof Date ? Math.floor(parameters.created.getTime() / 1000) : parameters.created;
  if (!Number.isSafeInteger(created) || created < 0) throw new TypeError('created must be unix seconds');
  const event: WebhookEvent<T> = {
    id,
    object: 'event',
    type,
    apiVersion,
    created,
    livemode,
    sequence,
    data: { object },
  };
  return { event, body: serializeWebhookEvent(event) };
}

/** The canonical raw body of an envelope. */
export function serializeWebhookEvent(event: WebhookEvent<unknown>): string {
  return canonicalJson(event);
}
