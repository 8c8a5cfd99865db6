import { provideTestPostgres } from './server-postgres.js';
import { provideTestNats } from './server-nats.js';
import type { TestServer } from './test-server.js';

const KEY = Symbol.for('opencheckout.testInfra');
type Holder = typeof globalThis & { [KEY]?: TestServer[] };

/**
 * Jest global setup for tiers that need Postgres and NATS: finds or starts each
 * once for the whole run and hands them to the workers as DATABASE_URL / NATS_URL
 * (workers are forked after this and inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  const started: TestServer[] = [];
  (globalThis as Holder)[KEY] = started;
  const postgres = await provideTestPostgres();
  started.push(postgres);
  const nats = await provideTestNats();
  started.push(nats);
  process.env.DATABASE_URL = postgres.url;
  process.env.NATS_URL = nats.url;
}
