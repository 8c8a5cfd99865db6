import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@opencheckout/errors';
import { devChainsConfig } from '../config/dev-chains-config.js';
import { decimalTextToFraction } from './decimal-text-to-fraction.js';
import { FixedRateSource } from './fixed-rate-source.js';
import { JsonNumber, parseJsonLossless } from './parse-json-lossless.js';
import { rateSourceFromConfig } from './rate-source-from-config.js';
import { StablecoinRateSource } from './stablecoin-rate-source.js';

const at = new Date('2026-01-01T00:00:00Z');
const clock = () => at;

describe('FixedRateSource', () => {
  it('answers exact fractions from config', async () => {
    const source = new FixedRateSource({ ETH: { USD: '2706.5', jpy: '400000' } }, clock);
    expect(await source.quote('ETH', 'usd')).toEqual({ numerator: 27065n, denominator: 10n, source: 'fixed', quotedAt: at });
    expect((await source.quote('ETH', 'JPY')).numerator).toBe(400000n);
    await expect(source.quote('ETH', 'EUR')).rejects.toBeInstanceOf(ValidationError);
    await expect(source.quote('BTC', 'USD')).rejects.toThrow(expect.objectContaining({ code: 'rate_unsupported' }));
  });
});

describe('StablecoinRateSource', () => {
  it('is 1:1 in its own currency only', async () => {
    const source = new StablecoinRateSource({ USDC: 'USD' }, clock);
    expect(await source.quote('USDC', 'USD')).toMatchObject({ numerator: 1n, denominator: 1n });
    await expect(source.quote('USDC', 'EUR')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('rateSourceFromConfig', () => {
  it('routes each asset to its configured source', async () => {
    const source = rateSourceFromConfig({ assets: devChainsConfig({ ethUsd: '3000.25' })[0]!.assets, clock });
    expect(await source.quote('ETH', 'USD')).toMatchObject({ numerator: 300025n, denominator: 100n, source: 'fixed' });
    expect(await source.quote('USDC', 'USD')).toMatchObject({ numerator: 1n, source: 'stablecoin:USD' });
    await expect(source.quote('DAI', 'USD')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('parseJsonLossless', () => {
  it('keeps numbers as their text and parses the rest like JSON.parse', () => {
    const parsed = parseJsonLossless(' {"a":{"usd":0.1000000000000000055511151231257827},"b":[1,-2.5e-3,true,false,null,"x\\"y"],"__proto__":{"z":1}} ');
    const a = (parsed as { a: { usd: JsonNumber } }).a.usd;
    expect(a).toBeInstanceOf(JsonNumber);
    expect(a.text).toBe('0.1000000000000000055511151231257827');
    const b = (parsed as { b: unknown[] }).b;
    expect((b[1] as JsonNumber).text).toBe('-2.5e-3');
    expect(b.slice(2)).toEqual([true, false, null, 'x"y']);
    // __proto__ is an ordinary key, never a prototype switch
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed as object)).toContain('__proto__');
  });

  it.each(['', '{', '[1,]', '{"a" 1}', '01', 'tru', '{"a":1}x', '"open'])('rejects %j', (text) => {
    expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
  });
});

describe('decimalTextToFraction', () => {
  it('is exact, with exponents, and refuses negatives', () => {
    expect(decimalTextToFraction('2034.18')).toEqual({ numerator: 203418n, denominator: 100n });
    expect(decimalTextToFraction('2.03418e3')).toEqual({ numerator: 203418n, denominator: 100n });
    expect(decimalTextToFraction('5E+2')).toEqual({ numerator: 500n, denominator: 1n });
    expect(decimalTextToFraction('-1')).toBeUndefined();
    expect(decimalTextToFraction('abc')).toBeUndefined();
  });
});
