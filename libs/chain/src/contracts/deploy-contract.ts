import { publicActions, type Abi, type Account, type Address, type Chain, type Hex, type Transport, type WalletClient } from 'viem';

/** Deploys bytecode from the wallet's account and waits for the receipt. */
export async function deployContract(
  walletClient: WalletClient<Transport, Chain | undefined, Account>,
  contract: { abi: Abi; bytecode: Hex },
  args: readonly unknown[],
): Promise<Address> {
  const client = walletClient.extend(publicActions);
  const hash = await client.deployContract({
    abi: contract.abi,
    bytecode: contract.bytecode,
    args,
    account: walletClient.account,
    chain: walletClient.chain,
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`Deployment failed in ${hash}`);
  return receipt.contractAddress;
}
