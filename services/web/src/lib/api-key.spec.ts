import { describe, it, expect } from '@jest/globals';
import { keyMode, looksLikeSecretKey, maskKey } from './api-key.js';

describe('keyMode', () => {
  it('reads test or live from the prefix', () => {
    expect(keyMode('sk_test_abc123')).toBe('test');
    expect(keyMode('sk_live_abc123')).toBe('live');
    expect(keyMode('whatever')).toBeNull();
  });
});

describe('maskKey', () => {
  it('keeps only the prefix and last four characters', () => {
    const key = 'sk_live_9f8e7d6c5b4a3210abcd';
    const masked = maskKey(key);
    expect(masked).toBe('sk_live_…abcd');
    expect(masked).not.toContain('9f8e7d6c');
  });
});

describe('looksLikeSecretKey', () => {
  it('accepts secret keys and refuses anything else', () => {
    expect(looksLikeSecretKey('sk_test_0123456789abcdef')).toBe(true);
    expect(looksLikeSecretKey(' sk_live_0123456789abcdef ')).toBe(true);
    expect(looksLikeSecretKey('pk_test_0123456789abcdef')).toBe(false);
    expect(looksLikeSecretKey('sk_test_')).toBe(false);
  });
});
