import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { webhookSecretKey } from './webhook-secret.js';

export const OPENCHECKOUT_SIGNATURE_HEADER = 'OpenCheckout-Signature';

export interface SignWebhookParameters {
  /** One secret, or several during a rotation (each signs; receivers accept any). */
  secret: string | readonly string[];
  /** The exact raw body that will be sent. */
  payload: string;
  /** The event id (`evt_…`); becomes `webhook-id`. */
  eventId: string;
  /** Unix seconds. */
  timestamp: number;
}

// A type alias (not an interface) so it is assignable to a plain header record.
export type WebhookSignatureHeaders = {
  'OpenCheckout-Signature': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Hex HMAC-SHA256 over `t + "." + payload`, keyed by the decoded secret bytes. */
export function computeOpenCheckoutSignature(key: Buffer, timestamp: number, payload: string | Uint8Array): string {
  return createHmac('sha256', key).update(`${timestamp}.`).update(payload).digest('hex');
}

/**
 * Signs a webhook with both schemes: our `OpenCheckout-Signature: t=<ts>,v1=<hex>`
 * and the Standard Webhooks headers (via the `standardwebhooks` package itself,
 * so stock verifiers accept them).
 */
export function signWebhook({ secret, payload, eventId, timestamp }: SignWebhookParameters): WebhookSignatureHeaders {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError('timestamp must be unix seconds');
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new TypeError('at least one secret is required');
  const v1: string[] = [];
  const standard: string[] = [];
  const date = new Date(timestamp * 1000);
  for (const s of secrets) {
    const key = webhookSecretKey(s);
    v1.push(`v1=${computeOpenCheckoutSignature(key, timestamp, payload)}`);
    standard.push(new Webhook(new Uint8Array(key), { format: 'raw' }).sign(eventId, date, payload));
  }
  return {
    'OpenCheckout-Signature': [`t=${timestamp}`, ...v1].join(','),
    'webhook-id': eventId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standard.join(' '),
  };
}
