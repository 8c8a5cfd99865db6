import { describe, it, expect } from '@jest/globals';
import { validateDonationAmount } from './donation.js';

describe('validateDonationAmount', () => {
  it('accepts positive amounts in the currency minor units', () => {
    expect(validateDonationAmount('25', 'USD')).toBeNull();
    expect(validateDonationAmount(' 25.50 ', 'USD')).toBeNull();
  });

  it('refuses empty, negative, zero and malformed input', () => {
    expect(validateDonationAmount('', 'USD')).toMatch(/Enter an amount/);
    expect(validateDonationAmount('-5', 'USD')).toMatch(/positive/);
    expect(validateDonationAmount('0.00', 'USD')).toMatch(/more than zero/);
    expect(validateDonationAmount('1e3', 'USD')).toMatch(/positive/);
    expect(validateDonationAmount('1,000', 'USD')).toMatch(/positive/);
  });

  it('refuses more decimals than the currency has', () => {
    expect(validateDonationAmount('10.005', 'USD')).toMatch(/2 decimal places/);
    expect(validateDonationAmount('10.5', 'JPY')).toMatch(/0 decimal places/);
  });

  it('enforces the merchant minimum exactly', () => {
    const minimum = { value: '5.00', currency: 'USD' };
    expect(validateDonationAmount('4.99', 'USD', minimum)).toBe('The minimum is $5.00.');
    expect(validateDonationAmount('5', 'USD', minimum)).toBeNull();
  });
});
