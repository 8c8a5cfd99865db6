import type { Account, Address, Chain, Transport, WalletClient } from 'viem';
import { compileContracts } from './compile-contracts.js';
import { deployContract } from './deploy-contract.js';

export interface DeployMockAggregatorParameters {
  decimals?: number;
  /** Initial answer, scaled by `decimals` (2000 USD at 8 decimals = 200000000000n). */
  answer: bigint;
}

/** Deploys a settable AggregatorV3Interface (see mockAggregatorAbi.setAnswer). */
export async function deployMockAggregator(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  { decimals = 8, answer }: DeployMockAggregatorParameters,
): Promise<Address> {
  const { MockAggregator } = await compileContracts();
  return deployContract(walletClient, MockAggregator, [decimals, answer]);
}
