export type KeyMode = 'test' | 'live';

/** Test or live, read from the key's prefix (sk_test_… / sk_live_…). */
export function keyMode(key: string): KeyMode | null {
  const match = /^[a-z]+_(test|live)_/.exec(key.trim());
  return match ? (match[1] as KeyMode) : null;
}

/** Shows only the prefix and the last four characters. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  const match = /^([a-z]+_(?:test|live)_)/.exec(trimmed);
  const prefix = match?.[1] ?? trimmed.slice(0, 3);
  if (trimmed.length <= prefix.length + 4) return `${prefix}…`;
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** A plausible secret key before asking the server. */
export function looksLikeSecretKey(key: string): boolean {
  return /^sk_(test|live)_[A-Za-z0-9_-]{8,}$/.test(key.trim());
}
