import { describe, it, expect } from '@jest/globals';
import type { Payment } from './api-types.js';
import { confirmationProgress, excessAmount, isFinalStatus, isPaidStatus, remainingAmount, statusBadge } from './session-status.js';

const eth = { code: 'ETH', symbol: 'ETH', decimals: 18, tokenAddress: null };
const payment = (confirmations: number, status: Payment['status'] = 'detected'): Payment => ({
  txHash: `0x${'a'.repeat(64)}`,
  logIndex: null,
  from: `0x${'b'.repeat(40)}`,
  amount: { atomic: '1', decimal: '0.000000000000000001' },
  blockNumber: 10,
  confirmations,
  status,
});

describe('statuses', () => {
  it('counts overpaid and paid_late as paid, underpaid not', () => {
    expect(['paid', 'overpaid', 'paid_late'].every(isPaidStatus)).toBe(true);
    expect(isPaidStatus('underpaid')).toBe(false);
    expect(isPaidStatus('detected')).toBe(false);
  });

  it('keeps watching pending, detected and underpaid sessions', () => {
    expect(isFinalStatus('pending')).toBe(false);
    expect(isFinalStatus('detected')).toBe(false);
    expect(isFinalStatus('underpaid')).toBe(false);
    expect(isFinalStatus('expired')).toBe(true);
    expect(isFinalStatus('canceled')).toBe(true);
  });

  it('labels every status and shows unknown ones as they are', () => {
    expect(statusBadge('paid_late')).toEqual({ label: 'Paid late', tone: 'success' });
    expect(statusBadge('underpaid').tone).toBe('warning');
    expect(statusBadge('refunded')).toEqual({ label: 'refunded', tone: 'neutral' });
  });
});

describe('confirmationProgress', () => {
  it('follows the least-confirmed counted payment, capped at the requirement', () => {
    expect(confirmationProgress({ payments: [payment(2), payment(1)], confirmationsRequired: 3 })).toEqual({ current: 1, required: 3 });
    expect(confirmationProgress({ payments: [payment(9)], confirmationsRequired: 3 })).toEqual({ current: 3, required: 3 });
  });

  it('ignores reverted payments and starts at zero', () => {
    expect(confirmationProgress({ payments: [payment(0, 'reverted'), payment(2)], confirmationsRequired: 3 })).toEqual({ current: 2, required: 3 });
    expect(confirmationProgress({ payments: [], confirmationsRequired: 3 })).toEqual({ current: 0, required: 3 });
  });
});

describe('remainingAmount and excessAmount', () => {
  const session = (amount: string, received: string) => ({
    amount: { atomic: amount, decimal: '' },
    amountReceived: { atomic: received, decimal: '' },
    asset: eth,
  });

  it('computes the shortfall exactly in atomic units', () => {
    expect(remainingAmount(session('18473920000000000000', '18000000000000000001'))).toEqual({
      atomic: '473919999999999999',
      decimal: '0.473919999999999999',
    });
    expect(remainingAmount(session('100', '100'))).toBeNull();
  });

  it('computes the overpayment exactly', () => {
    expect(excessAmount(session('1000000000000000000', '1500000000000000000'))).toEqual({ atomic: '500000000000000000', decimal: '0.5' });
    expect(excessAmount(session('100', '99'))).toBeNull();
  });
});
