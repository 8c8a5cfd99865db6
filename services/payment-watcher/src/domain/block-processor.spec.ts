import { describe, expect, it } from '@jest/globals';
import { processBlock } from './block-processor.js';
import { TRANSFER_TOPIC, type ChainBlock, type ChainLog } from './chain-block.js';
import { WatchedAddressSet } from './watched-addresses.js';

const WATCHED = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const OTHER = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const PAYER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const USDC = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const NOT_A_TOKEN = '0xe7f1725e7734ce288f8367e1bb143e90bb3f0512';
const pad = (address: string) => `0x${'0'.repeat(24)}${address.slice(2)}`;
const word = (value: bigint) => `0x${value.toString(16).padStart(64, '0')}`;

function transferLog(token: string, to: string, value: bigint, logIndex: number, extraTopics: string[] = []): ChainLog {
  return { address: token, topics: [TRANSFER_TOPIC, pad(PAYER), pad(to), ...extraTopics], data: word(value), logIndex, transactionHash: `0xt${logIndex}` };
}

const block = (parts: Partial<ChainBlock>): ChainBlock => ({
  chainId: 31337,
  number: 10n,
  hash: '0xb10',
  parentHash: '0xb9',
  timestamp: 1n,
  transactions: [],
  logs: [],
  ...parts,
});
const options = { nativeAsset: 'ETH', tokens: new Map([[USDC, 'USDC']]) };

describe('processBlock', () => {
  it('finds native transfers to watched addresses, whatever the case of the address', () => {
    const watched = new WatchedAddressSet([WATCHED.toUpperCase().replace('0X', '0x')]);
    const transfers = processBlock(
      block({
        transactions: [
          { hash: '0xa1', from: PAYER, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: 5n },
          { hash: '0xa2', from: PAYER, to: OTHER, value: 7n },
          { hash: '0xa3', from: PAYER, to: WATCHED, value: 0n },
          { hash: '0xa4', from: PAYER, to: null, value: 9n },
        ],
      }),
      watched,
      options,
    );
    expect(transfers).toEqual([
      {
        id: '31337:0xa1:native',
        chainId: 31337,
        blockNumber: 10n,
        blockHash: '0xb10',
        txHash: '0xa1',
        logIndex: null,
        from: PAYER,
        to: WATCHED,
        asset: 'ETH',
        tokenAddress: null,
        amount: 5n,
      },
    ]);
  });

  it('finds ERC-20 transfers of configured tokens only, ignoring ERC-721 and zero or malformed values', () => {
    const watched = new WatchedAddressSet([WATCHED]);
    const transfers = processBlock(
      block({
        logs: [
          transferLog(USDC, WATCHED, 50_000_000n, 0),
          transferLog(USDC.toUpperCase().replace('0X', '0x'), WATCHED, 1n, 1),
          transferLog(NOT_A_TOKEN, WATCHED, 3n, 2),
          transferLog(USDC, OTHER, 4n, 3),
          transferLog(USDC, WATCHED, 5n, 4, [word(1n)]),
          transferLog(USDC, WATCHED, 0n, 5),
          { ...transferLog(USDC, WATCHED, 6n, 6), data: '0x' },
          { ...transferLog(USDC, WATCHED, 7n, 7), topics: ['0x' + 'ab'.repeat(32), pad(PAYER), pad(WATCHED)] },
        ],
      }),
      watched,
      options,
    );
    expect(transfers.map((t) => [t.id, t.asset, t.tokenAddress, t.amount, t.from])).toEqual([
      ['31337:0xt0:0', 'USDC', USDC, 50_000_000n, PAYER],
      ['31337:0xt1:1', 'USDC', USDC, 1n, PAYER],
    ]);
  });

  it('reports each of several payments in one block', () => {
    const watched = new WatchedAddressSet([WATCHED, OTHER]);
    const transfers = processBlock(
      block({
        transactions: [
          { hash: '0xa1', from: PAYER, to: WATCHED, value: 1n },
          { hash: '0xa2', from: PAYER, to: WATCHED, value: 2n },
        ],
        logs: [transferLog(USDC, OTHER, 3n, 0)],
      }),
      watched,
      options,
    );
    expect(transfers.map((t) => `${t.to}:${t.amount}`)).toEqual([`${WATCHED}:1`, `${WATCHED}:2`, `${OTHER}:3`]);
  });

  it('finds nothing when nothing is watched', () => {
    expect(processBlock(block({ transactions: [{ hash: '0xa1', from: PAYER, to: WATCHED, value: 1n }], logs: [transferLog(USDC, WATCHED, 1n, 0)] }), new WatchedAddressSet(), options)).toEqual([]);
  });
});
