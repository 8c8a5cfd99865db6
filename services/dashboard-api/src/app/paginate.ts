import type { PageRequest } from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export function pageLimit(page: PageRequest | undefined): number {
  const limit = page?.limit ? page.limit : DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError(`limit must be between 1 and ${MAX_LIMIT}.`, { param: 'limit', code: 'limit_invalid' });
  }
  if (page?.startingAfter && page?.endingBefore) {
    throw new ValidationError('Give starting_after or ending_before, not both.', { param: 'ending_before' });
  }
  return limit;
}

/**
 * Stripe's cursor pagination over an in-memory list already in display order:
 * items after `starting_after`, or the page just before `ending_before`.
 */
export function paginate<T>(items: readonly T[], idOf: (item: T) => string, page: PageRequest | undefined, resource: string): { data: T[]; hasMore: boolean } {
  const limit = pageLimit(page);
  if (page?.endingBefore) {
    const index = items.findIndex((item) => idOf(item) === page.endingBefore);
    if (index < 0) throw new NotFoundError(resource, page.endingBefore, { param: 'ending_before' });
    const start = Math.max(0, index - limit);
    return { data: items.slice(start, index), hasMore: start > 0 };
  }
  let start = 0;
  if (page?.startingAfter) {
    const index = items.findIndex((item) => idOf(item) === page.startingAfter);
    if (index < 0) throw new NotFoundError(resource, page.startingAfter, { param: 'starting_after' });
    start = index + 1;
  }
  return { data: items.slice(start, start + limit), hasMore: items.length > start + limit };
}
