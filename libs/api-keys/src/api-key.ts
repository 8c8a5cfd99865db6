import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 40 base62 characters carry about 238 bits: far beyond guessing, and the hash needs no salt. */
const SECRET_LENGTH = 40;
const KEY_PATTERN = /^sk_(test|live)_([0-9A-Za-z]{40})$/;

export interface GeneratedApiKey {
  /** The full key, shown once to its owner and never stored. */
  secret: string;
  /** SHA-256 hex of the full key: the only form that is stored or travels in events. */
  hash: string;
  /** The first 12 characters, for display (`sk_test_AbCd`). */
  prefix: string;
  last4: string;
  livemode: boolean;
}

function base62(length: number): string {
  // Rejection sampling keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(livemode: boolean): GeneratedApiKey {
  const secret = `sk_${livemode ? 'live' : 'test'}_${base62(SECRET_LENGTH)}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, 12), last4: secret.slice(-4), livemode };
}

/** Whether a presented string is shaped like one of our keys, and its mode; says nothing of validity. */
export function parseApiKey(presented: string): { livemode: boolean } | null {
  const match = KEY_PATTERN.exec(presented);
  return match ? { livemode: match[1] === 'live' } : null;
}

/** Constant-time comparison of two hex digests of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
