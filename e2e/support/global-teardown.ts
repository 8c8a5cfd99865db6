import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stateDir } from '../../scripts/infra/paths.mjs';
import type { Stack } from '../../scripts/infra/system.mjs';

const KEY = Symbol.for('opencheckout.e2eStack');
type Holder = typeof globalThis & { [KEY]?: Stack };

/** Stops every service and everything the setup started, and drops the e2e database. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  await stack?.stopAll();
  await rm(join(stateDir, 'e2e.json'), { force: true });
}
