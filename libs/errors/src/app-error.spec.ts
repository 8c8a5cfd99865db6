import { describe, expect, it } from '@jest/globals';
import { IdempotencyKeyInUseError, NotFoundError, ValidationError, appErrorFromBody } from './app-error.js';

describe('AppError', () => {
  it('serialises to the Stripe error shape with param', () => {
    const error = new ValidationError('Invalid URL.', { param: 'success_url', code: 'url_invalid' });
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({
      type: 'invalid_request_error',
      code: 'url_invalid',
      message: 'Invalid URL.',
      param: 'success_url',
    });
  });

  it('round-trips through a reply body', () => {
    const original = new IdempotencyKeyInUseError();
    const rebuilt = appErrorFromBody(original.toBody(), original.status);
    expect(rebuilt.toBody()).toEqual(original.toBody());
    expect(rebuilt.status).toBe(409);
    expect(rebuilt.retryable).toBe(true);
  });

  it('names the missing resource like Stripe', () => {
    expect(new NotFoundError('checkout session', 'cs_1').message).toBe("No such checkout session: 'cs_1'");
  });
});
