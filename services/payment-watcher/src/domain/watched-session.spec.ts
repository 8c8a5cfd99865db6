import { describe, expect, it } from '@jest/globals';
import { requiredConfirmations, watchUntilMs, WatchedSessionIndex, type WatchedSession } from './watched-session.js';

const session = (overrides: Partial<WatchedSession> = {}): WatchedSession => ({
  chainId: 31337,
  address: '0xAbC0000000000000000000000000000000000001',
  sessionId: 'cs_1',
  merchantId: 'mer_1',
  livemode: false,
  assetCode: 'ETH',
  tokenAddress: null,
  confirmationsRequired: 3,
  watchUntilMs: 1_000,
  ...overrides,
});

describe('WatchedSessionIndex', () => {
  it('finds a session by chain and lowercase address only', () => {
    const index = new WatchedSessionIndex();
    index.upsert(session());
    expect(index.get(31337, '0xabc0000000000000000000000000000000000001')?.sessionId).toBe('cs_1');
    expect(index.forChain(31337).has('0xabc0000000000000000000000000000000000001')).toBe(true);
    expect(index.forChain(1).has('0xabc0000000000000000000000000000000000001')).toBe(false);
    expect(index.get(1, '0xabc0000000000000000000000000000000000001')).toBeUndefined();
  });

  it('forgets sessions whose watch ended', () => {
    const index = new WatchedSessionIndex();
    index.upsert(session({ watchUntilMs: 100 }));
    index.upsert(session({ address: '0x2', sessionId: 'cs_2', watchUntilMs: 300 }));
    expect(index.prune(200)).toBe(1);
    expect(index.size()).toBe(1);
    expect(index.get(31337, '0x2')?.sessionId).toBe('cs_2');
  });
});

describe('watch window and depth', () => {
  it('watches until expiry + grace + tail', () => {
    expect(watchUntilMs('2026-01-01T00:00:00.000Z', 600, 7 * 24 * 3600)).toBe(Date.parse('2026-01-08T00:10:00.000Z'));
  });

  it('takes the stricter of chain and session depth, within the window', () => {
    expect(requiredConfirmations(3, 1, 63)).toBe(3);
    expect(requiredConfirmations(3, 12, 63)).toBe(12);
    expect(requiredConfirmations(3, 500, 63)).toBe(63);
  });
});
