import { RateLimitError } from '@opencheckout/errors';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per-key limit: `perSecond` requests a second on average, absorbing a burst of
 * twice that. Counted in this gateway process: several replicas each allow their share.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(perSecond: number) {
    this.limiter = new RateLimiterMemory({ points: perSecond * 2, duration: 2 });
  }

  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
