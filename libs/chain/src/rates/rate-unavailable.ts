import { UnavailableError, ValidationError } from '@opencheckout/errors';

/** No source is configured for this pair: the caller asked for something we do not price. */
export function unsupportedPair(asset: string, fiat: string): ValidationError {
  return new ValidationError(`No price for ${asset.slice(0, 12)} in ${fiat.slice(0, 8)}.`, {
    param: 'currency',
    code: 'rate_unsupported',
  });
}

/** The source exists but cannot answer now (down, stale, nonsense): retryable. */
export function rateUnavailable(asset: string, fiat: string, reason: string, cause?: unknown): UnavailableError {
  return new UnavailableError(`No current price for ${asset} in ${fiat}: ${reason}.`, { cause });
}
