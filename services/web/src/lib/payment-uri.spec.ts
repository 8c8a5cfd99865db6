import { describe, it, expect } from '@jest/globals';
import { buildPaymentUri } from './payment-uri.js';

const to = '0x1111111111111111111111111111111111111111';
const usdc = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';

describe('buildPaymentUri (EIP-681)', () => {
  it('asks for a native transfer with the value in wei', () => {
    expect(buildPaymentUri({ address: to, chainId: 1, atomic: '18473920000000000000' })).toBe(
      `ethereum:${to}@1?value=18473920000000000000`,
    );
  });

  it('asks for an ERC-20 transfer call on the token contract', () => {
    expect(buildPaymentUri({ address: to, chainId: 8453, atomic: '50000000', tokenAddress: usdc })).toBe(
      `ethereum:${usdc}@8453/transfer?address=${to}&uint256=50000000`,
    );
  });

  it('treats a null token as the native coin', () => {
    expect(buildPaymentUri({ address: to, chainId: 31337, atomic: '1', tokenAddress: null })).toBe(`ethereum:${to}@31337?value=1`);
  });

  it('drops leading zeros so wallets read the same number', () => {
    expect(buildPaymentUri({ address: to, chainId: 1, atomic: '000123' })).toBe(`ethereum:${to}@1?value=123`);
  });

  it('refuses malformed input instead of producing a wrong request', () => {
    expect(() => buildPaymentUri({ address: '0x123', chainId: 1, atomic: '1' })).toThrow(RangeError);
    expect(() => buildPaymentUri({ address: to, chainId: 0, atomic: '1' })).toThrow(RangeError);
    expect(() => buildPaymentUri({ address: to, chainId: 1, atomic: '1.5' })).toThrow(RangeError);
    expect(() => buildPaymentUri({ address: to, chainId: 1, atomic: '-1' })).toThrow(RangeError);
    expect(() => buildPaymentUri({ address: to, chainId: 1, atomic: '1', tokenAddress: 'usdc' })).toThrow(RangeError);
  });
});
