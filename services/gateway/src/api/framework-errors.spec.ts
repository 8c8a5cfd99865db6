import { describe, expect, it } from '@jest/globals';
import { frameworkError } from './framework-errors.js';

describe('frameworkError', () => {
  it('maps the router refusals to typed client errors', () => {
    expect(frameworkError({ code: 'FST_ERR_BAD_URL' }).toBody()).toMatchObject({ type: 'invalid_request_error', code: 'url_invalid' });
    expect(frameworkError({ code: 'FST_ERR_BAD_URL' }).status).toBe(400);
    const tooLong = frameworkError({ code: 'FST_ERR_MAX_PARAM_LENGTH' });
    expect([tooLong.status, tooLong.type, tooLong.code]).toEqual([414, 'invalid_request_error', 'url_too_long']);
  });

  it('treats anything else as a fault of ours, without internals in the message', () => {
    const other = frameworkError({ code: 'FST_ERR_ASYNC_CONSTRAINT' });
    expect(other.status).toBe(500);
    expect(other.toBody()).toEqual({ type: 'api_error', code: 'internal_error', message: 'An internal error occurred. Retry later.' });
  });
});
