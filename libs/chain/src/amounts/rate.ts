import { ValidationError } from '@opencheckout/errors';

/** An exact price as a fraction: `numerator / denominator` fiat major units per one whole asset unit. */
export interface Rate {
  numerator: bigint;
  denominator: bigint;
}

export function assertRate(rate: Rate): void {
  if (typeof rate?.numerator !== 'bigint' || typeof rate?.denominator !== 'bigint' || rate.numerator <= 0n || rate.denominator <= 0n) {
    throw new ValidationError('A rate must be a positive fraction.', { param: 'rate', code: 'rate_invalid' });
  }
}
