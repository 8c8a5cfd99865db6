import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, createWalletClient, http, type Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { UnavailableError } from '@opencheckout/errors';
import { deployMockAggregator } from '../contracts/deploy-mock-aggregator.js';
import { mockAggregatorAbi } from '../contracts/test-token-abi.js';
import { ANVIL_MNEMONIC, startAnvil, type AnvilInstance } from '../testing/anvil.js';
import { ChainlinkRateSource } from './chainlink-rate-source.js';
import { HttpRateSource } from './http-rate-source.js';

jest.setTimeout(60_000);

describe('HttpRateSource against a local HTTP server', () => {
  let server: Server;
  let base: string;
  const bodies: Record<string, { status: number; body: string }> = {
    '/simple/price?ids=eth&vs=usd': { status: 200, body: '{"eth":{"usd":2706.123456789012345678901}}' },
    '/simple/price?ids=eth&vs=eur': { status: 200, body: '{"eth":{"eur":"1850.5"}}' },
    '/simple/price?ids=eth&vs=gbp': { status: 503, body: 'down' },
    '/simple/price?ids=eth&vs=jpy': { status: 200, body: '{"eth":{"jpy":0}}' },
    '/simple/price?ids=eth&vs=chf': { status: 200, body: '<html>' },
  };
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url!);
      const answer = bodies[req.url!] ?? { status: 404, body: '{}' };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = () =>
    new HttpRateSource({ endpoints: { ETH: { url: `${base}/simple/price?ids={asset_lower}&vs={fiat_lower}`, path: '{asset_lower}.{fiat_lower}' } } });

  it('reads the number from its text, without floats', async () => {
    const quote = await source().quote('ETH', 'USD');
    expect(quote).toMatchObject({ numerator: 2706123456789012345678901n, denominator: 10n ** 21n });
    expect(quote.source).toBe(`http:${new URL(base).host}`);
    expect(seen).toContain('/simple/price?ids=eth&vs=usd');
  });

  it('accepts a price given as a string', async () => {
    expect(await source().quote('ETH', 'EUR')).toMatchObject({ numerator: 18505n, denominator: 10n });
  });

  it.each(['GBP', 'JPY', 'CHF', 'AUD'])('answers a retryable UnavailableError for a bad answer (%s)', async (fiat) => {
    const error = await source().quote('ETH', fiat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).retryable).toBe(true);
  });
});

describe('ChainlinkRateSource against a mock aggregator on anvil', () => {
  let anvil: AnvilInstance;
  let feed: Address;
  let now = new Date();
  const account = mnemonicToAccount(ANVIL_MNEMONIC);

  beforeAll(async () => {
    anvil = await startAnvil();
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    const wallet = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    feed = await deployMockAggregator(wallet, { decimals: 8, answer: 270_612_345_678n });
  }, 60_000);
  afterAll(async () => anvil?.stop());

  const client = () => createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) });
  const source = (maxAgeSeconds = 3600) => new ChainlinkRateSource({ client: client(), feeds: { ETH: { USD: feed } }, maxAgeSeconds, clock: () => now });

  async function setAnswer(answer: bigint, updatedAt: bigint) {
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    const wallet = createWalletClient({ account, chain, transport: http(anvil.rpcUrl) });
    const hash = await wallet.writeContract({ address: feed, abi: mockAggregatorAbi, functionName: 'setAnswer', args: [answer, updatedAt] });
    await client().waitForTransactionReceipt({ hash, pollingInterval: 50 });
  }

  it('scales the answer by the feed decimals, exactly', async () => {
    const block = await client().getBlock();
    now = new Date(Number(block.timestamp) * 1000 + 10_000);
    const quote = await source().quote('ETH', 'USD');
    expect(quote).toMatchObject({ numerator: 270_612_345_678n, denominator: 100_000_000n, source: `chainlink:${feed}` });
    expect(quote.quotedAt.getTime()).toBe(Number(block.timestamp) * 1000);
  });

  it('rejects a stale answer', async () => {
    const block = await client().getBlock();
    await setAnswer(200_000_000_000n, block.timestamp);
    now = new Date((Number(block.timestamp) + 3601) * 1000);
    await expect(source().quote('ETH', 'USD')).rejects.toThrow(/stale/);
    now = new Date((Number(block.timestamp) + 3599) * 1000);
    expect((await source().quote('ETH', 'USD')).numerator).toBe(200_000_000_000n);
  });

  it('rejects zero and negative answers', async () => {
    const block = await client().getBlock();
    now = new Date(Number(block.timestamp) * 1000);
    await setAnswer(0n, block.timestamp);
    await expect(source().quote('ETH', 'USD')).rejects.toBeInstanceOf(UnavailableError);
    await setAnswer(-5n, block.timestamp);
    await expect(source().quote('ETH', 'USD')).rejects.toThrow(/zero or less/);
  });

  it('answers unavailable when the feed cannot be read', async () => {
    const broken = new ChainlinkRateSource({ client: client(), feeds: { ETH: { USD: '0x000000000000000000000000000000000000dEaD' } }, clock: () => now });
    await expect(broken.quote('ETH', 'USD')).rejects.toBeInstanceOf(UnavailableError);
  });
});
