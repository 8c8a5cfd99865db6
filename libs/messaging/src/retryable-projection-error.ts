import { isTransientDatabaseError, pgErrorCode } from '@opencheckout/event-store';
import { ProjectionTableMissingError } from './apply-projection-batch.js';

// Faults of the deployment rather than of one event: a missing table, column or
// schema, or a missing grant. Dead-lettering every event for them would be wrong.
const systemicCodes = new Set(['42P01', '42703', '3F000', '42501']);

/** Whether a projection batch should be redelivered later rather than dead-lettered. */
export function isRetryableProjectionError(error: unknown): boolean {
  if (error instanceof ProjectionTableMissingError) return true;
  const code = pgErrorCode(error);
  if (code !== undefined && systemicCodes.has(code)) return true;
  return isTransientDatabaseError(error);
}
