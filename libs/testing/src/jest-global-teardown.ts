import type { TestServer } from './test-server.js';

const KEY = Symbol.for('opencheckout.testInfra');
type Holder = typeof globalThis & { [KEY]?: TestServer[] };

/** Stops what the global setup started (servers it merely found are left alone). */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Holder)[KEY] ?? [];
  delete (globalThis as Holder)[KEY];
  for (const server of started.reverse()) await server.stop();
}
