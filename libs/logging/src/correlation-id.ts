import { AsyncLocalStorage } from 'node:async_hooks';

interface CorrelationScope {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/**
 * Runs `fn` with `id` as the correlation id of everything it does, awaited
 * work included; every log line written inside carries it.
 */
export function withCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run({ correlationId: id }, fn);
}

/** The correlation id of the work in progress, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
