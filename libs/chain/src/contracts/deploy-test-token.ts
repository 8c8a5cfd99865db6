import type { Account, Address, Chain, Transport, WalletClient } from 'viem';
import { compileContracts } from './compile-contracts.js';
import { deployContract } from './deploy-contract.js';

export interface DeployTestTokenParameters {
  name?: string;
  symbol?: string;
  decimals?: number;
}

/** Deploys the mintable test ERC-20 (a 6-decimal "USDC" by default). */
export async function deployTestToken(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  { name = 'Test USD Coin', symbol = 'USDC', decimals = 6 }: DeployTestTokenParameters = {},
): Promise<Address> {
  const { TestToken } = await compileContracts();
  return deployContract(walletClient, TestToken, [name, symbol, decimals]);
}
