import type { Stack } from '../../scripts/infra/system.mjs';

const KEY = Symbol.for('opencheckout.e2eStack');
const SIGNAL_KEY = Symbol.for('opencheckout.e2eSignal');
type Holder = typeof globalThis & { [KEY]?: Stack; [SIGNAL_KEY]?: (signal: NodeJS.Signals) => void };

/** Stops every service and everything the setup started, drops the e2e database, removes the env file. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as Holder;
  const stack = holder[KEY];
  const onSignal = holder[SIGNAL_KEY];
  delete holder[KEY];
  delete holder[SIGNAL_KEY];
  await stack?.stopAll();
  if (onSignal) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
