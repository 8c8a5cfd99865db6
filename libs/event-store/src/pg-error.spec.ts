import { describe, expect, it } from '@jest/globals';
import { isTransientDatabaseError, pgErrorCode } from './pg-error.js';
import { streamTypeOf } from './stream-type.js';

describe('isTransientDatabaseError', () => {
  it.each(['40001', '40P01', '08006', '08003', '57P01', '53300', '55P03'])('retries SQLSTATE %s', (code) => {
    expect(isTransientDatabaseError({ code })).toBe(true);
  });

  it('reads the code through a TypeORM QueryFailedError', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: { code: '40001' } });
    expect(pgErrorCode(wrapped)).toBe('40001');
    expect(isTransientDatabaseError(wrapped)).toBe(true);
  });

  it('retries a dropped connection that carries no SQLSTATE', () => {
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it.each(['23505', '23502', '22P02', '42601'])('does not retry data or code faults (%s)', (code) => {
    expect(isTransientDatabaseError({ code })).toBe(false);
  });
});

describe('streamTypeOf', () => {
  it('takes the prefix before the first dash', () => {
    expect(streamTypeOf('session-cs_1-2', 'payment.detected')).toBe('session');
  });

  it('falls back to the aggregate of the event type', () => {
    expect(streamTypeOf('cs_123', 'session.created')).toBe('session');
  });
});
