export function ensureTestToken(
  chain: { rpcUrl: string; chainId: number },
  options?: { known?: string; log?: (line: string) => void },
): Promise<string | undefined>;
