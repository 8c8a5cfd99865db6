import { describe, expect, it } from '@jest/globals';
import { generateApiKey, hashApiKey, hashesEqual, parseApiKey } from './api-key.js';

describe('API keys', () => {
  it('generates test and live keys that parse back to their mode', () => {
    const test = generateApiKey(false);
    const live = generateApiKey(true);
    expect(test.secret).toMatch(/^sk_test_[0-9A-Za-z]{40}$/);
    expect(live.secret).toMatch(/^sk_live_[0-9A-Za-z]{40}$/);
    expect(parseApiKey(test.secret)).toEqual({ livemode: false });
    expect(parseApiKey(live.secret)).toEqual({ livemode: true });
    expect(test.prefix).toBe(test.secret.slice(0, 12));
    expect(test.last4).toBe(test.secret.slice(-4));
  });

  it('stores only the SHA-256 of the key', () => {
    const key = generateApiKey(false);
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).not.toContain(key.secret.slice(8));
  });

  it('never repeats a key', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateApiKey(false).secret));
    expect(seen.size).toBe(500);
  });

  it('rejects strings not shaped like a key', () => {
    for (const bad of ['', 'sk_test_', 'pk_test_' + 'a'.repeat(40), 'sk_prod_' + 'a'.repeat(40), 'sk_test_' + 'a'.repeat(39)]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('compares hashes in constant time and only equal ones match', () => {
    const a = hashApiKey('x');
    expect(hashesEqual(a, hashApiKey('x'))).toBe(true);
    expect(hashesEqual(a, hashApiKey('y'))).toBe(false);
    expect(hashesEqual(a, 'abcd')).toBe(false);
  });
});
