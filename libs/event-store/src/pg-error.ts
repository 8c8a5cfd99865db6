/** The SQLSTATE of a pg error, also when TypeORM wrapped it in a QueryFailedError. */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgErrorConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const constraint = e.driverError?.constraint ?? e.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

// SQLSTATE classes that say "try again": connection exceptions (08), serialization
// failure and deadlock (40001, 40P01), lock timeouts (55P03), insufficient resources
// (53), operator intervention such as a restart (57P01-57P03), and the pool/driver's
// own connection errors that carry no SQLSTATE.
const transientCodes = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '57014']);
const transientNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const transientMessages = [
  /connection terminated/i,
  /connection (?:is )?closed/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
];

/** Whether a database error is worth retrying unchanged (as opposed to a fault in the data or code). */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code !== undefined) {
    if (transientCodes.has(code) || transientNodeCodes.has(code)) return true;
    if (code.startsWith('08') || code.startsWith('53')) return true;
  }
  const message = error instanceof Error ? error.message : String(error);
  return transientMessages.some((pattern) => pattern.test(message));
}
