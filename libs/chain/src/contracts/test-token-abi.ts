import { erc20Abi } from 'viem';

/** ERC-20 plus the open `mint` of the test token. */
export const testTokenAbi = [
  ...erc20Abi,
  {
    type: 'function',
    name: 'mint',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'to', type: 'address' },
      { name: 'value', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;

export const mockAggregatorAbi = [
  {
    type: 'function',
    name: 'setAnswer',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'answer_', type: 'int256' },
      { name: 'updatedAt_', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;
