import type { WatchedAddresses } from './watched-addresses.js';

/** What the watcher knows of a session whose pay-to address it watches. */
export interface WatchedSession {
  chainId: number;
  /** Lowercase hex. */
  address: string;
  sessionId: string;
  merchantId: string;
  livemode: boolean;
  assetCode: string;
  /** Lowercase token contract; null for the native coin. */
  tokenAddress: string | null;
  confirmationsRequired: number;
  /** Unix milliseconds after which transfers to the address are no longer looked for. */
  watchUntilMs: number;
}

/**
 * Until when an address is watched: the session's expiry plus its late-payment
 * grace plus a long tail, so money sent after the grace is still recorded
 * (and announced) instead of silently ignored.
 */
export function watchUntilMs(expiresAt: string, lateGraceSeconds: number, tailSeconds: number): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) throw new Error(`invalid expiresAt '${expiresAt}'`);
  return expires + (lateGraceSeconds + tailSeconds) * 1000;
}

/**
 * The confirmations a transfer needs before `payment.confirmed`: the stricter
 * of the chain's default and the session's own requirement, never less than
 * the chain's safety floor; capped so it stays inside the follower's window.
 */
export function requiredConfirmations(chainDefault: number, session: number, cap: number): number {
  return Math.min(Math.max(chainDefault, session, 1), cap);
}

/** Watched sessions by chain and address: O(1) lookups whatever their number. */
export class WatchedSessionIndex {
  private readonly byChain = new Map<number, Map<string, WatchedSession>>();

  upsert(session: WatchedSession): void {
    let chain = this.byChain.get(session.chainId);
    if (!chain) {
      chain = new Map();
      this.byChain.set(session.chainId, chain);
    }
    chain.set(session.address.toLowerCase(), { ...session, address: session.address.toLowerCase() });
  }

  get(chainId: number, address: string): WatchedSession | undefined {
    return this.byChain.get(chainId)?.get(address.toLowerCase());
  }

  /** The addresses of one chain, as the block processor wants them. */
  forChain(chainId: number): WatchedAddresses {
    return { has: (address) => this.byChain.get(chainId)?.has(address) ?? false };
  }

  /** Forgets sessions whose watch ended before `nowMs`; returns how many. */
  prune(nowMs: number): number {
    let removed = 0;
    for (const chain of this.byChain.values()) {
      for (const [address, session] of chain) {
        if (session.watchUntilMs < nowMs) {
          chain.delete(address);
          removed += 1;
        }
      }
    }
    return removed;
  }

  size(chainId?: number): number {
    if (chainId !== undefined) return this.byChain.get(chainId)?.size ?? 0;
    let total = 0;
    for (const chain of this.byChain.values()) total += chain.size;
    return total;
  }
}
