import { describe, expect, it } from '@jest/globals';
import { decodeRecentBlocks, encodeRecentBlocks } from './cursor-store.js';
import type { ObservedTransfer } from './observed-transfer.js';
import { appendBlock, rewindTo, type RecentBlock } from './recent-blocks.js';

const transfer = (n: bigint, id = `t${n}`): ObservedTransfer => ({
  id,
  chainId: 1,
  blockNumber: n,
  blockHash: `0x${n}`,
  txHash: `0xtx${n}`,
  logIndex: null,
  from: '0xa',
  to: '0xb',
  asset: 'ETH',
  tokenAddress: null,
  amount: 10n ** 18n + n,
});
const raw = (n: bigint, transfers: ObservedTransfer[] = []) => ({ number: n, hash: `0x${n}`, parentHash: `0x${n - 1n}`, transfers });

function chain(from: bigint, to: bigint, withTransfers: bigint[], required = 3, windowSize = 64) {
  let blocks: RecentBlock[] = [];
  const events: string[] = [];
  for (let n = from; n <= to; n++) {
    const result = appendBlock(blocks, raw(n, withTransfers.includes(n) ? [transfer(n)] : []), required, windowSize);
    blocks = result.blocks;
    result.confirming.forEach((c) => events.push(`confirming ${c.transfer.id} ${c.confirmations} @${n}`));
    result.confirmed.forEach((c) => events.push(`confirmed ${c.transfer.id} ${c.confirmations} @${n}`));
  }
  return { blocks, events };
}

describe('appendBlock', () => {
  it('confirms a transfer once, when its block is `required` deep', () => {
    const { events } = chain(10n, 15n, [11n]);
    expect(events).toEqual(['confirming t11 1 @11', 'confirming t11 2 @12', 'confirmed t11 3 @13']);
  });

  it('confirms at once with one required confirmation', () => {
    expect(chain(10n, 12n, [10n], 1).events).toEqual(['confirmed t10 1 @10']);
  });

  it('keeps a bounded window larger than the required depth', () => {
    expect(chain(1n, 200n, [], 3, 64).blocks).toHaveLength(64);
    expect(chain(1n, 200n, [], 10, 4).blocks).toHaveLength(11);
    expect(chain(1n, 200n, [], 3, 64).blocks.at(-1)!.number).toBe(200n);
  });

  it('refuses a block that does not extend the tip', () => {
    const { blocks } = chain(1n, 3n, []);
    expect(() => appendBlock(blocks, raw(5n), 3, 64)).toThrow();
    expect(() => appendBlock(blocks, { ...raw(4n), parentHash: '0xother' }, 3, 64)).toThrow();
  });
});

describe('rewindTo', () => {
  it('drops blocks above the fork and reverts their transfers newest first', () => {
    const { blocks } = chain(10n, 14n, [11n, 13n, 14n]);
    const { blocks: kept, reverted } = rewindTo(blocks, 12n);
    expect(kept.map((b) => b.number)).toEqual([10n, 11n, 12n]);
    expect(reverted.map((r) => [r.transfer.id, r.wasConfirmed])).toEqual([
      ['t14', false],
      ['t13', false],
    ]);
  });

  it('marks reverted transfers that had been confirmed, and never re-confirms kept ones', () => {
    const { blocks } = chain(10n, 16n, [11n, 13n]);
    const { blocks: kept, reverted } = rewindTo(blocks, 12n);
    expect(reverted.map((r) => [r.transfer.id, r.wasConfirmed])).toEqual([['t13', true]]);
    // The replacement chain grows again: t11 was confirmed before, so nothing is reported for it.
    let again = kept;
    const events: string[] = [];
    for (const n of [13n, 14n, 15n]) {
      const r = appendBlock(again, { ...raw(n), hash: `0x${n}b`, parentHash: n === 13n ? '0x12' : `0x${n - 1n}b` }, 3, 64);
      again = r.blocks;
      r.confirmed.forEach((c) => events.push(c.transfer.id));
    }
    expect(events).toEqual([]);
  });
});

describe('cursor encoding', () => {
  it('round-trips bigints through JSON', () => {
    const { blocks } = chain(2n ** 60n, 2n ** 60n + 4n, [2n ** 60n + 1n]);
    const decoded = decodeRecentBlocks(encodeRecentBlocks(blocks));
    expect(decoded).toEqual(blocks);
    expect(typeof decoded[1]!.transfers[0]!.amount).toBe('bigint');
  });
});

describe('per-transfer confirmations', () => {
  const own = (n: bigint, id: string, requiredConfirmations: number): ObservedTransfer => ({ ...transfer(n, id), requiredConfirmations });

  it('confirms each transfer at its own depth and keeps the block open until the deepest one', () => {
    let blocks: RecentBlock[] = [];
    const events: string[] = [];
    for (let n = 10n; n <= 16n; n++) {
      const transfers = n === 10n ? [own(n, 'deep', 5), own(n, 'chain', 3), transfer(n, 'default')] : [];
      const result = appendBlock(blocks, raw(n, transfers), 3, 64);
      blocks = result.blocks;
      result.confirmed.forEach((c) => events.push(`confirmed ${c.transfer.id} ${c.confirmations}`));
    }
    expect(events).toEqual(['confirmed chain 3', 'confirmed default 3', 'confirmed deep 5']);
    expect(blocks.find((b) => b.number === 10n)!.confirmed).toBe(true);
  });

  it('tells which transfers of a dropped block had reached their own depth', () => {
    let blocks: RecentBlock[] = [];
    for (let n = 10n; n <= 13n; n++) {
      blocks = appendBlock(blocks, raw(n, n === 10n ? [own(n, 'shallow', 3), own(n, 'deep', 6)] : []), 3, 64).blocks;
    }
    const { reverted } = rewindTo(blocks, 9n);
    expect(reverted.map((r) => [r.transfer.id, r.wasConfirmed])).toEqual([
      ['deep', false],
      ['shallow', true],
    ]);
  });
});
