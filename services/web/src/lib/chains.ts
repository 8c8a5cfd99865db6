const NAMES: Record<number, string> = {
  1: 'Ethereum',
  10: 'Optimism',
  56: 'BNB Smart Chain',
  137: 'Polygon',
  8453: 'Base',
  42161: 'Arbitrum One',
  43114: 'Avalanche C-Chain',
  11155111: 'Sepolia',
  84532: 'Base Sepolia',
  31337: 'Local (anvil)',
};

export function chainName(chainId: number | null | undefined): string {
  if (chainId == null) return 'Unknown network';
  return NAMES[chainId] ?? `Chain ${chainId}`;
}
