const KEY = Symbol.for('opencheckout.testInfra');
type Holder = typeof globalThis & { [KEY]?: () => Promise<void> };

/** Stops what the global setup started (servers it merely found are left alone). */
export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  await stop?.();
}
