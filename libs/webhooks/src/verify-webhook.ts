import { createHmac, timingSafeEqual } from 'node:crypto';
import { computeOpenCheckoutSignature } from './sign-webhook.js';
import { webhookSecretKey } from './webhook-secret.js';
import type { WebhookEvent } from './webhook-event.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookParameters {
  /** The raw request body, byte for byte as received (never re-serialised JSON). */
  payload: string | Buffer | Uint8Array;
  /** The endpoint secret, or several while a rotation is in progress. */
  secret: string | readonly string[];
  /** All request headers; `OpenCheckout-Signature` is preferred, Standard Webhooks headers are the fallback. */
  headers?: WebhookHeaders;
  /** The `OpenCheckout-Signature` value alone, when headers are not at hand. */
  signatureHeader?: string;
  /** Alias of `signatureHeader`. */
  signature?: string;
  /** Maximum age (and future skew) of the signed timestamp. Default 300 s. */
  toleranceSeconds?: number;
  now?: Date;
}

export type VerifyWebhookReturnType<T = unknown> = WebhookEvent<T>;
export type VerifyWebhookErrorType = WebhookVerificationError;

const hex64 = /^[0-9a-f]{64}$/;

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return typeof value === 'string' ? value : value?.join(',');
  }
  return undefined;
}

function checkTimestamp(raw: string, now: Date, toleranceSeconds: number): number {
  if (!/^\d{1,12}$/.test(raw)) throw new WebhookVerificationError('invalid_header');
  const timestamp = Number(raw);
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('timestamp_out_of_tolerance');
  }
  return timestamp;
}

function anyEqual(candidates: readonly Buffer[], expected: readonly Buffer[]): boolean {
  let matched = false;
  // Compare every pair so the time spent does not depend on which one matches.
  for (const candidate of candidates) {
    for (const want of expected) {
      if (candidate.length === want.length && timingSafeEqual(candidate, want)) matched = true;
    }
  }
  return matched;
}

function verifyOpenCheckout(header: string, body: Buffer, keys: Buffer[], now: Date, tolerance: number): void {
  let timestampRaw: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new WebhookVerificationError('invalid_header');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (timestampRaw !== undefined) throw new WebhookVerificationError('invalid_header');
      timestampRaw = value;
    } else if (name === 'v1') {
      if (!hex64.test(value)) throw new WebhookVerificationError('invalid_header');
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are ignored so receivers keep working during an upgrade.
  }
  if (timestampRaw === undefined || signatures.length === 0) throw new WebhookVerificationError('invalid_header');
  const timestamp = checkTimestamp(timestampRaw, now, tolerance);
  const expected = keys.map((key) => Buffer.from(computeOpenCheckoutSignature(key, timestamp, body), 'hex'));
  if (!anyEqual(signatures, expected)) throw new WebhookVerificationError('no_matching_signature');
}

function verifyStandard(id: string, timestampRaw: string, header: string, body: Buffer, keys: Buffer[], now: Date, tolerance: number): void {
  const timestamp = checkTimestamp(timestampRaw, now, tolerance);
  const signatures: Buffer[] = [];
  for (const entry of header.split(' ')) {
    if (entry === '') continue;
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1') continue;
    if (value === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new WebhookVerificationError('invalid_header');
    signatures.push(Buffer.from(value, 'base64'));
  }
  if (signatures.length === 0) throw new WebhookVerificationError('invalid_header');
  const expected = keys.map((key) => createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest());
  if (!anyEqual(signatures, expected)) throw new WebhookVerificationError('no_matching_signature');
}

/**
 * Verifies a webhook and answers the parsed event. Accepts our
 * `OpenCheckout-Signature` header or, failing that, the Standard Webhooks headers.
 * Throws `WebhookVerificationError` (missing or malformed header, timestamp outside
 * the tolerance, no matching signature) — nothing is parsed before the signature holds.
 */
export function verifyWebhook<T = unknown>(parameters: VerifyWebhookParameters): VerifyWebhookReturnType<T> {
  const { payload, secret, headers, toleranceSeconds = 300, now = new Date() } = parameters;
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new WebhookVerificationError('invalid_secret');
  const keys = secrets.map(webhookSecretKey);
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);

  const ours =
    parameters.signatureHeader ?? parameters.signature ?? (headers ? headerValue(headers, 'opencheckout-signature') : undefined);
  if (ours !== undefined && ours !== '') {
    verifyOpenCheckout(ours, body, keys, now, toleranceSeconds);
  } else {
    const id = headers ? headerValue(headers, 'webhook-id') : undefined;
    const timestamp = headers ? headerValue(headers, 'webhook-timestamp') : undefined;
    const signature = headers ? headerValue(headers, 'webhook-signature') : undefined;
    if (!id || !timestamp || !signature) throw new WebhookVerificationError('missing_header');
    verifyStandard(id, timestamp, signature, body, keys, now, toleranceSeconds);
  }

  try {
    return JSON.parse(body.toString('utf8')) as WebhookEvent<T>;
  } catch (cause) {
    throw new WebhookVerificationError('invalid_payload', { cause });
  }
}
