// Loaded by jest outside the module mapper: import only .mjs modules here.
import { provideTestInfra } from '../../../scripts/infra/test-infra.mjs';

const KEY = Symbol.for('opencheckout.testInfra');
type Holder = typeof globalThis & { [KEY]?: () => Promise<void> };

/**
 * Jest global setup for tiers that need Postgres and NATS: finds or starts each
 * once for the whole run and hands them to the workers as DATABASE_URL /
 * NATS_URL (workers are started after this and inherit the environment).
 */
export default async function globalSetup(): Promise<void> {
  const infra = await provideTestInfra();
  (globalThis as Holder)[KEY] = infra.stop;
}
